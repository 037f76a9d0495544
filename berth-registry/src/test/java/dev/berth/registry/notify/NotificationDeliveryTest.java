package dev.berth.registry.notify;

import static dev.berth.registry.V2Client.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** notifications.endpoints against a webhook server in the test: the envelope, headers, timeout, threshold, backoff. */
class NotificationDeliveryTest {

    /** One POST the webhook received. */
    record Delivery(long atNanos, String contentType, String authorization, JsonNode events) {
    }

    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private HttpServer webhook;

    /** A webhook that fails the first {@code failFirst} attempts with 500, and sleeps {@code stallMs} on the first. */
    private String webhook(int failFirst, long stallMs) throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        webhook.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        webhook.createContext("/events", ex -> {
            try (ex) {
                int n = attempts.incrementAndGet();
                byte[] body = ex.getRequestBody().readAllBytes();
                received.add(new Delivery(System.nanoTime(), ex.getRequestHeaders().getFirst("Content-Type"),
                        ex.getRequestHeaders().getFirst("Authorization"), OciJson.mapper().readTree(body)
                        .path("events")));
                if (n == 1 && stallMs > 0) {
                    Thread.sleep(stallMs);
                }
                ex.sendResponseHeaders(n <= failFirst ? 500 : 200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        webhook.start();
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/events";
    }

    @AfterEach
    void stop() {
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    private static String yaml(String url, String timeout, int threshold, String backoff) {
        return TestRegistry.INMEMORY + "notifications:\n  endpoints:\n    - name: hook\n      url: " + url + "\n"
                + "      headers:\n        Authorization: [Bearer hook-secret]\n      timeout: " + timeout + "\n"
                + "      threshold: " + threshold + "\n      backoff: " + backoff + "\n"
                + "    - name: off\n      url: http://127.0.0.1:1/never\n      disabled: true\n";
    }

    /** Events received until {@code count} arrived (retried deliveries repeat events; those are skipped by id). */
    private List<JsonNode> events(int count) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (events.size() < count && System.nanoTime() < deadline) {
            Delivery d = received.poll(200, TimeUnit.MILLISECONDS);
            if (d == null) {
                continue;
            }
            assertEquals("application/vnd.docker.distribution.events.v1+json", d.contentType());
            assertEquals("Bearer hook-secret", d.authorization());
            d.events().forEach(e -> {
                if (ids.add(e.path("id").asText())) {
                    events.add(e);
                }
            });
        }
        return events;
    }

    @Test
    void delivers_push_and_pull_events_with_the_configured_headers() throws Exception {
        try (TestRegistry r = TestRegistry.start(yaml(webhook(0, 0), "2s", 3, "100ms"))) {
            V2Client v2 = new V2Client(r.base());
            V2Client.Image img = v2.pushImage("hooked/app", "v1", MediaTypes.OCI_MANIFEST, "events");
            check(v2.get("/v2/hooked/app/manifests/v1", "User-Agent", "hook-test/1"), 200);
            List<JsonNode> events = events(4);
            assertEquals(List.of("push", "push", "push", "pull"), events.stream().map(e -> e.path("action").asText())
                    .toList());
            JsonNode manifestPush = events.get(2).path("target");
            assertEquals(MediaTypes.OCI_MANIFEST, manifestPush.path("mediaType").asText());
            assertEquals(img.manifest().toString(), manifestPush.path("digest").asText());
            assertEquals("hooked/app", manifestPush.path("repository").asText());
            assertEquals("v1", manifestPush.path("tag").asText());
            assertEquals(img.manifestBytes().length, manifestPush.path("size").asInt());
            assertEquals(img.config().toString(), events.get(0).path("target").path("digest").asText());
            assertEquals("GET", events.get(3).path("request").path("method").asText());
            assertEquals("hook-test/1", events.get(3).path("request").path("useragent").asText());
        }
    }

    @Test
    void retries_at_once_below_the_threshold_then_every_backoff() throws Exception {
        try (TestRegistry r = TestRegistry.start(yaml(webhook(4, 0), "2s", 2, "700ms"))) {
            new V2Client(r.base()).pushBlob("retry/app", new byte[] {1, 2, 3});
            List<Delivery> tries = new ArrayList<>();
            while (tries.size() < 5) {
                Delivery d = received.poll(10, TimeUnit.SECONDS);
                assertTrue(d != null, "attempt " + (tries.size() + 1) + " arrived");
                tries.add(d);
            }
            long[] gapsMs = new long[4];
            for (int i = 0; i < 4; i++) {
                gapsMs[i] = (tries.get(i + 1).atNanos() - tries.get(i).atNanos()) / 1_000_000;
            }
            assertTrue(gapsMs[0] < 500, "second attempt follows the first at once: " + gapsMs[0] + " ms");
            for (int i = 1; i < 4; i++) {
                assertTrue(gapsMs[i] >= 650, "attempt " + (i + 2) + " waited the backoff: " + gapsMs[i] + " ms");
            }
            String id = tries.getFirst().events().path(0).path("id").asText();
            assertEquals(id, tries.getLast().events().path(0).path("id").asText(), "the same event is redelivered");
            Thread.sleep(300);
            assertEquals(5, attempts.get(), "nothing is sent again after the success");
        }
    }

    @Test
    void gives_up_on_a_delivery_after_the_timeout_and_sends_it_again() throws Exception {
        try (TestRegistry r = TestRegistry.start(yaml(webhook(0, 5000), "300ms", 1, "100ms"))) {
            long start = System.nanoTime();
            new V2Client(r.base()).pushBlob("slow/app", new byte[] {4, 5, 6});
            Delivery first = received.poll(10, TimeUnit.SECONDS);
            Delivery second = received.poll(10, TimeUnit.SECONDS);
            assertTrue(first != null && second != null, "the stalled delivery was sent again");
            long ms = (second.atNanos() - start) / 1_000_000;
            assertTrue(ms < 3000, "the retry came after the 300 ms timeout, not the 5 s stall: " + ms + " ms");
            assertEquals(first.events().path(0).path("id"), second.events().path(0).path("id"));
        }
    }
}
