package dev.berth.daemon.container;

import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Json;
import dev.berth.http.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /containers/{id}/stats}: with {@code stream=0} one object, sampled twice a second apart so
 * {@code precpu_stats} is filled ({@code one-shot=1} skips the second sample); by default one object a
 * second until the client leaves or the container stops.
 */
public final class StatsRoutes {
    private static final long INTERVAL_MILLIS = 1000;
    private final ContainerContext ctx;

    public StatsRoutes(ContainerContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.route("GET", "/containers/{id}/stats", this::stats);
    }

    private void stats(HttpRequest req, HttpResponse res) throws Exception {
        Container c = ctx.store().resolve(req.pathParam("id"));
        boolean stream = req.queryBool("stream", true);
        if (!stream) {
            res.json(200, once(c, req.queryBool("one-shot", false)));
            return;
        }
        try (OutputStream out = res.stream(200, "application/json")) {
            Optional<StatsReport.Reading> previous = Optional.empty();
            while (c.record().state().running() && !c.isRemoved()) {
                Optional<StatsReport.Reading> now = reading(c);
                if (now.isEmpty()) {
                    break;
                }
                out.write(Json.mapper().writeValueAsBytes(report(c, now.get(), previous).toJson()));
                out.write('\n');
                out.flush();
                previous = now;
                c.await(x -> !x.record().state().running() || x.isRemoved(), INTERVAL_MILLIS);
            }
        }
    }

    private Map<String, Object> once(Container c, boolean oneShot) throws IOException, InterruptedException {
        Optional<StatsReport.Reading> first = reading(c);
        if (first.isEmpty()) {
            return StatsReport.empty(c.record().name(), c.id());
        }
        if (oneShot) {
            return report(c, first.get(), Optional.empty()).toJson();
        }
        Thread.sleep(INTERVAL_MILLIS);
        Optional<StatsReport.Reading> second = reading(c);
        return second.map(s -> report(c, s, first).toJson())
                .orElseGet(() -> StatsReport.empty(c.record().name(), c.id()));
    }

    private StatsReport report(Container c, StatsReport.Reading now, Optional<StatsReport.Reading> before) {
        return new StatsReport(c.record().name(), c.id(), now, before, machineMemory(), networks(c));
    }

    /** Empty when the container is not running (or stopped while being read). */
    private static Optional<StatsReport.Reading> reading(Container c) {
        ContainerState s = c.record().state();
        if (!s.running() || s.pid() <= 0) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.now();
            CgroupSample sample = CgroupStats.read(CgroupPaths.ofProcess(s.pid()));
            return Optional.of(new StatsReport.Reading(at, sample, HostCpu.read()));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private static long machineMemory() {
        try {
            return HostCpu.machineMemory();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Map<String, Map<String, Long>> networks(Container c) {
        try {
            return NetDevCounters.parse(Files.readString(
                    Path.of("/proc", Integer.toString(c.record().state().pid()), "net", "dev")));
        } catch (IOException e) {
            return Map.of();
        }
    }
}
