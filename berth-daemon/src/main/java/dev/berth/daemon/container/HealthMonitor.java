package dev.berth.daemon.container;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Probes the health of running containers that have a health check. One use:
 *
 * <pre>{@code
 * health.started(c);   // after a start: State.Health is "starting", probing begins after one interval
 * ...                  // each probe moves the state (HealthState#after) and a change is published
 *                      // as the event "health_status: healthy" (or unhealthy)
 * health.stop(c);      // after the exit: probing ends, the last health stays in the record
 * health.resume(c);    // after a daemon restart, for a container still running: probing goes on
 * }</pre>
 */
public final class HealthMonitor {
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private final ContainerContext ctx;
    private final HealthProbe probe;
    private final Map<String, CountDownLatch> watching = new ConcurrentHashMap<>();

    HealthMonitor(ContainerContext ctx, HealthProbe probe) {
        this.ctx = ctx;
        this.probe = probe;
    }

    /** A container (re)started: its health starts over as {@code starting}, earlier probe results kept. */
    public void started(Container c) {
        Optional<HealthSettings> settings = HealthSettings.of(c.record().config());
        if (settings.isEmpty()) {
            return;
        }
        stop(c);
        try {
            ctx.store().update(c, x -> x.withState(x.state().withHealth(HealthState.starting(x.state().health()))));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record the health of " + c.id() + ": " + e.getMessage());
        }
        watch(c, settings.get());
    }

    /** After a daemon restart: a container that is still running is probed again, its health as it was. */
    public void resume(Container c) {
        Optional<HealthSettings> settings = HealthSettings.of(c.record().config());
        if (settings.isEmpty() || !c.record().state().running()) {
            return;
        }
        if (c.record().state().health() == null) {
            started(c);
            return;
        }
        watch(c, settings.get());
    }

    public void stop(Container c) {
        CountDownLatch stop = watching.remove(c.id());
        if (stop != null) {
            stop.countDown();
        }
    }

    private void watch(Container c, HealthSettings settings) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch previous = watching.put(c.id(), stop);
        if (previous != null) {
            previous.countDown();
        }
        Thread.ofVirtual().name("health-" + c.id().substring(0, 12)).start(() -> {
            try {
                probeUntilStopped(c, settings, stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                watching.remove(c.id(), stop);
            }
        });
    }

    private void probeUntilStopped(Container c, HealthSettings settings, CountDownLatch stop)
            throws InterruptedException {
        while (!stop.await(nextWait(c, settings).toNanos(), TimeUnit.NANOSECONDS)) {
            ContainerState s = c.record().state();
            if (!s.running() || c.isRemoved()) {
                return;
            }
            if (s.paused()) {
                continue;
            }
            HealthState.Result result = probe.run(c, settings);
            // A probe that was running when the container stopped says nothing about its health.
            if (stop.getCount() == 0 || !c.record().state().running()) {
                return;
            }
            record(c, settings, result);
        }
    }

    private static Duration nextWait(Container c, HealthSettings settings) {
        ContainerState s = c.record().state();
        String status = s.health() == null ? HealthState.STARTING : s.health().status();
        return settings.nextInterval(sinceStart(s, Instant.now()), status);
    }

    private static Duration sinceStart(ContainerState s, Instant at) {
        return Duration.between(Instant.parse(s.startedAt()), at);
    }

    private void record(Container c, HealthSettings settings, HealthState.Result result) {
        String[] before = new String[1];
        try {
            ContainerRecord r = ctx.store().update(c, x -> {
                HealthState h = x.state().health() == null ? HealthState.starting(null) : x.state().health();
                before[0] = h.status();
                boolean inStartPeriod = settings.inStartPeriod(sinceStart(x.state(), Instant.parse(result.start())));
                return x.withState(x.state().withHealth(h.after(result, settings.retries(), inStartPeriod)));
            });
            String now = r.state().health().status();
            if (!now.equals(before[0])) {
                ctx.event(r, "health_status: " + now, Map.of());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record the health of " + c.id() + ": " + e.getMessage());
        }
    }
}
