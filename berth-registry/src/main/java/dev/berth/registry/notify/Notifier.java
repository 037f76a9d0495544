package dev.berth.registry.notify;

import dev.berth.http.Json;
import dev.berth.registry.RegistryLog;
import dev.berth.registry.config.RegistryConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code notifications.endpoints}: each endpoint has a queue and a virtual thread that POSTs events to it as
 * distribution's envelope ({@code application/vnd.docker.distribution.events.v1+json}, {@code {"events":[…]}}).
 * A failed delivery (an error status, or no answer within {@code timeout}) is retried at once until {@code threshold}
 * failures in a row, then every {@code backoff}, as distribution's retrying sink does; an endpoint that is down
 * delays nothing but its own queue.
 */
public final class Notifier implements EventSink, AutoCloseable {

    static final String ENVELOPE_TYPE = "application/vnd.docker.distribution.events.v1+json";
    private static final int QUEUE_LIMIT = 10_000;

    private final List<Endpoint> endpoints = new ArrayList<>();

    public Notifier(List<RegistryConfig.Endpoint> configs, RegistryLog log) {
        HttpClient client = configs.isEmpty() ? null : HttpClient.newBuilder().build();
        for (RegistryConfig.Endpoint c : configs) {
            if (!c.disabled()) {
                endpoints.add(new Endpoint(c, client, log));
            }
        }
    }

    public boolean isEmpty() {
        return endpoints.isEmpty();
    }

    @Override
    public void emit(Event event) {
        endpoints.forEach(e -> e.offer(event));
    }

    @Override
    public void close() {
        endpoints.forEach(Endpoint::close);
    }

    /** distribution's event JSON. */
    static Map<String, Object> toJson(Event e) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("mediaType", e.mediaType());
        target.put("size", e.size());
        target.put("digest", e.digest().toString());
        target.put("length", e.size());
        target.put("repository", e.repository());
        target.put("url", e.url());
        e.tag().ifPresent(t -> target.put("tag", t));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", e.id());
        request.put("method", e.method());
        request.put("useragent", e.userAgent().orElse(""));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("timestamp", e.timestamp().toString());
        json.put("action", e.action());
        json.put("target", target);
        json.put("request", request);
        json.put("actor", e.user().map(u -> Map.of("name", u)).orElse(Map.of()));
        json.put("source", Map.of("addr", hostName()));
        return json;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static final class Endpoint {
        private final RegistryConfig.Endpoint config;
        private final HttpClient client;
        private final RegistryLog log;
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
        private final Thread sender;
        private volatile boolean closed;

        Endpoint(RegistryConfig.Endpoint config, HttpClient client, RegistryLog log) {
            this.config = config;
            this.client = client;
            this.log = log;
            this.sender = Thread.ofVirtual().name("notify-" + config.name()).start(this::run);
        }

        void offer(Event event) {
            if (config.ignoredMediaTypes().contains(event.mediaType())) {
                return;
            }
            if (!queue.offer(event)) {
                log.warn("notification queue full, event dropped", "endpoint", config.name());
            }
        }

        private void run() {
            int failures = 0;
            while (!closed) {
                List<Event> batch = new ArrayList<>();
                try {
                    Event first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, 99);
                    while (!closed && !send(batch)) {
                        failures++;
                        if (failures >= config.threshold()) {
                            Thread.sleep(config.backoff().toMillis());
                        }
                    }
                    failures = 0;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private boolean send(List<Event> batch) throws InterruptedException {
            try {
                byte[] body = Json.mapper().writeValueAsBytes(Map.of("events",
                        batch.stream().map(Notifier::toJson).toList()));
                HttpRequest.Builder b = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                        .header("Content-Type", ENVELOPE_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                config.headers().forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
                int status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 400) {
                    return true;
                }
                log.warn("notification endpoint refused events", "endpoint", config.name(), "status", status);
            } catch (IOException e) {
                log.warn("notification delivery failed", "endpoint", config.name(), "err", e.toString());
            }
            return false;
        }

        void close() {
            closed = true;
            sender.interrupt();
        }
    }
}
