package dev.berth.registry.debug;

import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import dev.berth.registry.Registry;
import dev.berth.registry.RegistryLog;
import dev.berth.registry.config.RegistryConfig;
import dev.berth.registry.gc.GarbageCollector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The debug listener ({@code http.debug.addr}): {@code /debug/health}, Prometheus metrics, {@code /debug/vars}
 * (memory, threads, uptime as JSON), {@code /debug/threads} (a thread dump, the JVM's pprof goroutine
 * equivalent) and {@code POST /debug/gc}, the online garbage collector. It has no auth, so bind it to loopback or
 * an internal network.
 */
public final class DebugRoutes {

    private static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

    private final Registry registry;
    private final HealthChecks health;
    private final Metrics metrics;
    private final RegistryLog log;

    public DebugRoutes(Registry registry, HealthChecks health, Metrics metrics, RegistryLog log) {
        this.registry = registry;
        this.health = health;
        this.metrics = metrics;
        this.log = log;
    }

    /** distribution serves the health endpoint on the API listener too. */
    public void addHealth(Router router) {
        router.route("GET", "/debug/health", this::health);
    }

    public Router router(RegistryConfig.Debug debug) {
        Router router = new Router()
                .route("GET", "/debug/health", this::health)
                .route("GET", "/debug/vars", this::vars)
                .route("GET", "/debug/threads", this::threads)
                .route("POST", "/debug/gc", this::collect);
        if (debug.prometheus()) {
            router.route("GET", debug.prometheusPath(), (req, res) ->
                    res.bytes(200, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.exposition().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return router;
    }

    private void health(HttpRequest req, HttpResponse res) throws IOException {
        Map<String, String> failing = health.status();
        res.json(failing.isEmpty() ? 200 : 503, failing);
    }

    private void vars(HttpRequest req, HttpResponse res) throws IOException {
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
        vars.put("heapCommittedBytes", rt.totalMemory());
        vars.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        vars.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        vars.put("storage", registry.driver().name());
        res.json(200, vars);
    }

    private void threads(HttpRequest req, HttpResponse res) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            sb.append(t.toString());
        }
        res.text(200, sb.toString());
    }

    /** {@code POST /debug/gc?dryrun=true&deleteuntagged=true&grace=10m}: one collection while serving. */
    private void collect(HttpRequest req, HttpResponse res) throws IOException {
        Duration grace = req.query("grace").map(g -> Duration.ofNanos(dev.berth.oci.GoDuration.parseNanos(g)))
                .orElse(DEFAULT_GRACE);
        GarbageCollector.Options options = new GarbageCollector.Options(req.queryBool("dryrun", false),
                req.queryBool("deleteuntagged", false), grace);
        GarbageCollector.Report report = registry.collector().collect(options);
        log.info("online garbage collection", "blobsDeleted", report.blobsDeleted().size(),
                "manifestsDeleted", report.manifestsDeleted().size(), "dryrun", report.dryRun());
        res.json(200, report);
    }
}
