package dev.berth.daemon.container;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Applies restart policies, as dockerd's restart manager does. One container's walk:
 *
 * <pre>{@code
 * restarter.exited(c);    // its exit was recorded: if the policy says so, RestartCount goes up, the state
 *                         // is "restarting", and after the back-off (RestartBackoff) it is started again
 * restarter.cancel(c);    // docker stop or kill came: a waiting restart is called off (state "exited"),
 *                         // and the next exit is not followed by a restart either
 * restarter.started(c);   // any start: the cancellation ends; a start by the API also resets the back-off
 * }</pre>
 *
 * At daemon start, {@link #startAfterRestore} starts the containers whose policy asks for it
 * ({@code always} even after a manual stop, {@code unless-stopped} unless stopped by hand,
 * {@code on-failure} after a failed exit within its retries), as dockerd's restore does for
 * containers that ran before. Until the pass has seen a container, its exits are left to the pass.
 *
 * <p>Exits come in under the container's lock (the runner records the exit and asks {@link #exited} in one
 * step), and the pass takes each container's lock too, so no lock of this class is held while a container's is
 * wanted.
 */
public final class ContainerRestarter {
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private final ContainerContext ctx;
    private final ContainerRunner runner;
    private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    /** Containers the restore pass has handled; until then an exit of theirs is the pass's to handle. */
    private final Set<String> restored = ConcurrentHashMap.newKeySet();
    private volatile boolean restoring = true;

    ContainerRestarter(ContainerContext ctx, ContainerRunner runner) {
        this.ctx = ctx;
        this.runner = runner;
    }

    /**
     * Called once an exit is recorded, under the container's lock.
     *
     * @return true when a restart is on its way (so the container is not auto-removed)
     */
    public boolean exited(Container c) {
        ContainerRecord r = c.record();
        RestartPolicy policy = RestartPolicy.of(HostConfigView.of(r.hostConfig()));
        // A start that failed (StartFailure) is no exit of a running container: dockerd does not restart it.
        if ((restoring && !restored.contains(r.id())) || policy.isNone() || c.isRemoved()
                || !r.state().error().isEmpty() || cancelled.contains(r.id())) {
            return false;
        }
        RestartBackoff backoff = backoffs.getOrDefault(r.id(), RestartBackoff.initial()).next(ranFor(r.state()));
        backoffs.put(r.id(), backoff);
        if (!policy.shouldRestart(r.state().exitCode(), r.manuallyStopped(), r.restartCount())) {
            return false;
        }
        try {
            ctx.store().update(c, x -> x.withRestartCount(x.restartCount() + 1).withState(x.state().restarting(true)));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "could not record the restart of " + r.id() + ": " + e.getMessage());
            return false;
        }
        schedule(c, backoff.delay());
        return true;
    }

    private static Duration ranFor(ContainerState s) {
        if (s.startedAt().equals(ContainerState.ZERO_TIME) || s.finishedAt().equals(ContainerState.ZERO_TIME)) {
            return Duration.ZERO;
        }
        return Duration.between(Instant.parse(s.startedAt()), Instant.parse(s.finishedAt()));
    }

    private void schedule(Container c, Duration delay) {
        Pending p = new Pending();
        pending.put(c.id(), p);
        Thread.ofVirtual().name("restart-" + c.id().substring(0, 12)).start(() -> {
            try {
                if (p.called.await(delay.toNanos(), TimeUnit.NANOSECONDS) || !p.begin()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pending.remove(c.id(), p);
            restart(c);
        });
    }

    private void restart(Container c) {
        try {
            runner.restartByPolicy(c);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "restart of " + c.id() + " failed: " + e.getMessage());
            settle(c);
        }
    }

    /** A restart that will not happen: the container is plainly exited again. */
    private void settle(Container c) {
        if (c.isRemoved() || !c.record().state().restarting()) {
            return;
        }
        try {
            ctx.store().update(c, x -> x.withState(x.state().restartCancelled()));
            c.noteExit();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "could not record the state of " + c.id() + ": " + e.getMessage());
        }
    }

    /** A stop or kill through the API (dockerd's ExitOnNext): no restart until the next start. */
    public void cancel(Container c) {
        cancelled.add(c.id());
        Pending p = pending.remove(c.id());
        if (p != null && p.callOff()) {
            settle(c);
        }
    }

    /** After any start. A start by the API (RestartCount back at 0) begins the back-off anew, as in dockerd. */
    public void started(Container c) {
        cancelled.remove(c.id());
        if (c.record().restartCount() == 0) {
            backoffs.remove(c.id());
        }
    }

    /** At daemon start, once running containers were found again: starts those whose policy asks for it. */
    public void startAfterRestore(Collection<Container> all) {
        for (Container c : all) {
            // An exit recorded meanwhile comes before this (and is left to it) or after (and is the policy's).
            synchronized (c) {
                restore(c);
                restored.add(c.id());
            }
        }
        restoring = false;
    }

    private void restore(Container c) {
        settle(c);
        ContainerRecord r = c.record();
        ContainerState s = r.state();
        if (c.isRemoved() || s.running() || s.startedAt().equals(ContainerState.ZERO_TIME)) {
            return;
        }
        if (RestartPolicy.of(HostConfigView.of(r.hostConfig()))
                .shouldRestart(s.exitCode(), r.manuallyStopped(), r.restartCount())) {
            try {
                runner.start(c);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not start " + r.id() + " for its restart policy: "
                        + e.getMessage());
            }
        }
    }

    /** A restart waiting for its back-off; either it begins or it is called off, never both. */
    private static final class Pending {
        final CountDownLatch called = new CountDownLatch(1);
        private boolean begun;
        private boolean calledOff;

        synchronized boolean begin() {
            begun = !calledOff;
            return begun;
        }

        synchronized boolean callOff() {
            if (begun) {
                return false;
            }
            calledOff = true;
            called.countDown();
            return true;
        }
    }
}
