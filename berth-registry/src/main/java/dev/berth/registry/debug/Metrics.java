package dev.berth.registry.debug;

import dev.berth.http.Handler;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for the debug listener's Prometheus endpoint: requests and their time per route, requests in flight,
 * errors per distribution code, and the JVM's memory and threads. Handlers are wrapped with {@link #timed}.
 */
public final class Metrics {

    private record Route(String method, String route) {
    }

    private static final class Timing {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder failures = new LongAdder();
    }

    private final Map<Route, Timing> routes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();

    public Handler timed(String method, String route, Handler handler) {
        Timing timing = routes.computeIfAbsent(new Route(method, route), r -> new Timing());
        return (req, res) -> {
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            try {
                handler.handle(req, res);
            } catch (Exception | Error e) {
                timing.failures.increment();
                throw e;
            } finally {
                inFlight.decrementAndGet();
                timing.count.increment();
                timing.nanos.add(System.nanoTime() - start);
            }
        };
    }

    public void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    public String exposition() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP registry_http_requests_total Requests served, by route.\n");
        sb.append("# TYPE registry_http_requests_total counter\n");
        new TreeMap<String, Timing>(labelled()).forEach((labels, t) ->
                sb.append("registry_http_requests_total{").append(labels).append("} ").append(t.count.sum())
                        .append('\n'));
        sb.append("# HELP registry_http_request_duration_seconds_sum Time spent serving, by route.\n");
        sb.append("# TYPE registry_http_request_duration_seconds_sum counter\n");
        new TreeMap<String, Timing>(labelled()).forEach((labels, t) ->
                sb.append("registry_http_request_duration_seconds_sum{").append(labels).append("} ")
                        .append(t.nanos.sum() / 1e9).append('\n'));
        sb.append("# HELP registry_http_request_failures_total Requests answered with an error, by route.\n");
        sb.append("# TYPE registry_http_request_failures_total counter\n");
        new TreeMap<String, Timing>(labelled()).forEach((labels, t) ->
                sb.append("registry_http_request_failures_total{").append(labels).append("} ")
                        .append(t.failures.sum()).append('\n'));
        sb.append("# TYPE registry_http_in_flight_requests gauge\n");
        sb.append("registry_http_in_flight_requests ").append(inFlight.get()).append('\n');
        sb.append("# TYPE registry_errors_total counter\n");
        new TreeMap<>(errors).forEach((code, n) ->
                sb.append("registry_errors_total{code=\"").append(code).append("\"} ").append(n.sum()).append('\n'));
        Runtime rt = Runtime.getRuntime();
        sb.append("# TYPE process_heap_used_bytes gauge\n");
        sb.append("process_heap_used_bytes ").append(rt.totalMemory() - rt.freeMemory()).append('\n');
        sb.append("# TYPE process_threads gauge\n");
        sb.append("process_threads ").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
        return sb.toString();
    }

    private Map<String, Timing> labelled() {
        Map<String, Timing> m = new TreeMap<>();
        routes.forEach((r, t) -> m.put("method=\"" + r.method() + "\",route=\"" + r.route() + "\"", t));
        return m;
    }
}
