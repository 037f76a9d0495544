package dev.berth.daemon.container;

import dev.berth.linux.Mounts;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.ConflictException;
import dev.berth.runtime.OciRuntime;
import dev.berth.runtime.spec.ContainerSpec;
import dev.berth.runtime.spec.SpecBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Starts, stops and signals containers, and records their exits. Start mounts the rootfs, writes
 * the bundle, has conmon create the container, connects the attach hub, then starts the process; a
 * monitor thread per running container waits for conmon's exit file and records the exit.
 */
public final class ContainerRunner {
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private final ContainerContext ctx;
    private volatile Consumer<Container> onExit = c -> { };
    private volatile Consumer<Container> onStart = c -> { };
    private volatile Consumer<Container> onManualStop = c -> { };

    public ContainerRunner(ContainerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * What happens after an exit is recorded (auto-remove, restart policy), called under the container's lock;
     * set by the engine's wiring.
     */
    public void onExit(Consumer<Container> handler) {
        this.onExit = handler;
    }

    /** What happens after every start (health checks, restart bookkeeping); set by the engine's wiring. */
    public void onStart(Consumer<Container> handler) {
        this.onStart = handler;
    }

    /** What a stop or kill through the API tells the restart policy (dockerd's ExitOnNext); set by the wiring. */
    public void onManualStop(Consumer<Container> handler) {
        this.onManualStop = handler;
    }

    /**
     * A start through the API, which begins the restart count anew as dockerd does.
     *
     * @return false when it was already running (the API's 304)
     */
    public boolean start(Container c) throws IOException {
        return start(c, true);
    }

    /** A start by the container's restart policy: the restart count stays. */
    boolean restartByPolicy(Container c) throws IOException {
        return start(c, false);
    }

    private boolean start(Container c, boolean byApi) throws IOException {
        synchronized (c) {
            ContainerRecord r = c.record();
            if (r.state().running()) {
                return false;
            }
            if (r.state().status().equals("removing") || c.isRemoved()) {
                throw new ConflictException("container is marked for removal and cannot be started");
            }
            launch(c, byApi);
        }
        return true;
    }

    private void launch(Container c, boolean byApi) throws IOException {
        ContainerRecord r = c.record();
        OciRuntime runtime = ctx.runtime(r);
        Path run = ctx.runDir(r.id());
        Path rootfs = run.resolve("rootfs");
        Files.createDirectories(rootfs);
        ctx.snapshotter().mount(r.id(), rootfs);
        try {
            populateVolumes(r, rootfs);
            // A container in its own user namespace must own its network namespace (or it cannot mount sysfs):
            // runc makes it, and the network is set up between create and start, as libnetwork's prestart hook does.
            boolean ownNetns = !ctx.snapshotter().idMap().isIdentity()
                    && !HostConfigView.of(r.hostConfig()).text("UsernsMode").equals("host");
            ContainerNetworking.Prepared net = ownNetns ? ctx.networking().linkEnvironment(r)
                    : ctx.networking().setUp(r, ctx.store().dir(r.id()), Optional.empty());
            ContainerSpec spec = ContainerSpecs.of(r, rootfs, ctx.store().dir(r.id()), cgroupParent(r),
                    initBinary(), this::pidOf, ctx.snapshotter().idMap(), net);
            Files.write(run.resolve("config.json"), OciJson.mapper().writeValueAsBytes(SpecBuilder.build(spec)));
            OciRuntime.Created created;
            try {
                created = runtime.create(new OciRuntime.CreateRequest(r.id(), run, run.resolve("conmon"),
                        ctx.logPath(r.id()), r.config().tty(), r.config().openStdin(), r.config().stdinOnce()));
            } catch (dev.berth.runtime.RuntimeFailureException e) {
                throw new StartFailure(e.runtimeMessage());
            }
            if (ownNetns) {
                ctx.networking().setUp(r, ctx.store().dir(r.id()), Optional.of(created.pid()));
            }
            c.attach().connect(runtime.attach(r.id()), r.config().stdinOnce() || !r.config().openStdin());
            runtime.start(r.id());
            ctx.store().update(c, x -> x.withState(x.state().running(created.pid(), Instant.now().toString()))
                    .withManuallyStopped(false).withRestartCount(byApi ? 0 : x.restartCount()));
            ctx.event(c.record(), "start", Map.of());
            monitor(c);
            onStart.accept(c);
        } catch (IOException | RuntimeException e) {
            cleanUp(c);
            recordFailedStart(c, e);
            throw e;
        }
    }

    /**
     * Like dockerd, any failed start (the runtime's, or a port or address that is taken) leaves the error in
     * the state and counts as an exit, so {@code --rm} containers are removed and {@code docker run --rm}
     * (which waits for the removal) returns.
     */
    private void recordFailedStart(Container c, Exception e) {
        int code = e instanceof StartFailure f ? f.exitCode() : 128;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        try {
            ctx.store().update(c, x -> x.withState(x.state().failed(code, message)));
        } catch (IOException stored) {
            e.addSuppressed(stored);
            return;
        }
        c.noteExit();
        onExit.accept(c);
    }

    /** A new, empty volume gets the image's content at its mount point, unless the mount says nocopy. */
    private void populateVolumes(ContainerRecord r, Path rootfs) throws IOException {
        for (ContainerRecord.MountPoint m : r.mounts()) {
            if (m.type().equals("volume") && !m.mode().contains("nocopy")) {
                ctx.volumes().populate(m.name(), rootfs.resolve(m.destination().substring(1)));
            }
        }
    }

    /** {@code --cgroup-parent} of the container, else the daemon's, else {@code /berth}. */
    private String cgroupParent(ContainerRecord r) {
        String own = HostConfigView.of(r.hostConfig()).text("CgroupParent");
        if (!own.isEmpty()) {
            return own.startsWith("/") ? own : "/" + own;
        }
        String p = ctx.config().get().runtime().cgroupParent();
        return p == null || p.isEmpty() ? "/berth" : p;
    }

    private static Optional<Path> initBinary() {
        for (String p : new String[] {"/usr/bin/tini-static", "/usr/bin/tini"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    private int pidOf(String ref) {
        Container peer = ctx.store().resolve(ref);
        if (!peer.record().state().running()) {
            throw new ConflictException("cannot join namespace of a non running container: " + ref);
        }
        return peer.record().state().pid();
    }

    /** Waits for the exit in the background and records it. */
    void monitor(Container c) {
        Thread.ofVirtual().name("exit-" + c.id().substring(0, 12)).start(() -> {
            try {
                Optional<OciRuntime.ExitStatus> exit = ctx.runtime(c.record()).awaitExit(c.id(), 0);
                exit.ifPresent(e -> recordExit(c, e));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lost track of container " + c.id() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    synchronized void recordExit(Container c, OciRuntime.ExitStatus exit) {
        try {
            if (!c.record().state().running()) {
                return;
            }
            cleanUp(c);
            // The exit and the restart policy's answer to it are one step under the container's lock, as in
            // dockerd's handleContainerExit: a stop waiting for this exit, or a start, sees "exited" or
            // "restarting", never the exit before the policy had its say (a start in between was counted as a
            // policy restart of the running container).
            synchronized (c) {
                ContainerRecord r = ctx.store().update(c, x -> x.withState(
                        x.state().exited(exit.code(), exit.oomKilled(), exit.at().toString())));
                c.noteExit();
                if (exit.oomKilled()) {
                    ctx.event(r, "oom", Map.of());
                }
                ctx.event(r, "die", Map.of("exitCode", Integer.toString(exit.code())));
                onExit.accept(c);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "could not record the exit of " + c.id() + ": " + e.getMessage());
        }
    }

    /** Unmounts the rootfs and drops the runtime's state of a container that is not running. */
    void cleanUp(Container c) {
        try {
            ctx.runtime(c.record()).delete(c.id());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "runtime delete of " + c.id() + ": " + e.getMessage());
        }
        ctx.networking().tearDown(c.id());
        Path rootfs = ctx.runDir(c.id()).resolve("rootfs");
        try {
            if (Files.exists(rootfs)) {
                ctx.snapshotter().unmount(rootfs);
            }
        } catch (IOException e) {
            try {
                Mounts.umount2(rootfs, Mounts.MNT_DETACH);
            } catch (IOException ignored) {
                LOG.log(System.Logger.Level.DEBUG, "rootfs of " + c.id() + " was not mounted");
            }
        }
    }

    /** Sends a signal; a container that is not running is Docker's 409. */
    public void kill(Container c, String signal, String ref) throws IOException {
        ContainerRecord r = c.record();
        if (r.state().restarting()) {
            stopRestarting(c);
            return;
        }
        if (!r.state().running()) {
            throw new ConflictException("Cannot kill container: " + ref + ": Container " + r.id() + " is not running");
        }
        int number = Signals.parse(signal);
        ctx.store().update(c, x -> x.withManuallyStopped(true));
        if (endsRestarts(r, number)) {
            onManualStop.accept(c);
        }
        try {
            ctx.runtime(r).kill(r.id(), Integer.toString(number));
        } catch (IOException | RuntimeException e) {
            // The process may have exited after the check above, its exit not yet recorded: then it is not running.
            Optional<OciRuntime.RuntimeState> st = ctx.runtime(r).state(r.id());
            if (st.isEmpty() || st.get().status().equals("stopped")) {
                throw new ConflictException("Cannot kill container: " + ref + ": Container " + r.id() + " is not running");
            }
            throw e;
        }
        ctx.event(r, "kill", Map.of("signal", Integer.toString(number)));
    }

    /**
     * The stop signal, then SIGKILL after the timeout, as {@code docker stop}.
     *
     * @return false when it was not running (the API's 304)
     */
    public boolean stop(Container c, Optional<String> signal, Optional<Integer> timeoutSeconds) throws IOException,
            InterruptedException {
        ContainerRecord r = c.record();
        if (r.state().restarting()) {
            stopRestarting(c);
            ctx.event(c.record(), "stop", Map.of());
            return true;
        }
        if (!r.state().running()) {
            return false;
        }
        ctx.store().update(c, x -> x.withManuallyStopped(true));
        if (r.state().paused()) {
            resume(c);
        }
        String sig = signal.filter(s -> !s.isEmpty()).orElseGet(() -> r.config().stopSignal() == null
                || r.config().stopSignal().isEmpty() ? "SIGTERM" : r.config().stopSignal());
        int timeout = timeoutSeconds.orElseGet(() -> r.config().stopTimeout() != null ? r.config().stopTimeout() : 10);
        try {
            kill(c, sig, r.shortName());
        } catch (ConflictException alreadyGone) {
            return true;
        }
        if (!exitsWithin(c, timeout)) {
            if (c.record().state().running()) {
                kill(c, "KILL", r.shortName());
                c.await(x -> !x.record().state().running(), 0);
            }
        }
        ctx.event(c.record(), "stop", Map.of());
        return true;
    }

    /** As dockerd: a negative timeout waits for as long as it takes, 0 not at all (SIGKILL follows at once). */
    private static boolean exitsWithin(Container c, int seconds) throws InterruptedException {
        Predicate<Container> stopped = x -> !x.record().state().running();
        if (seconds == 0) {
            return stopped.test(c);
        }
        return c.await(stopped, seconds < 0 ? 0 : seconds * 1000L);
    }

    /** A container waiting to be restarted is stopped by calling the restart off; there is no process to signal. */
    private void stopRestarting(Container c) throws IOException {
        ctx.store().update(c, x -> x.withManuallyStopped(true));
        onManualStop.accept(c);
    }

    /** As dockerd: SIGKILL, or any signal when the image sets no stop signal, or the stop signal itself. */
    private static boolean endsRestarts(ContainerRecord r, int signal) {
        String stopSignal = r.config().stopSignal();
        return stopSignal == null || stopSignal.isEmpty() || signal == 9 || signal == Signals.parse(stopSignal);
    }

    public void pause(Container c) throws IOException {
        ContainerRecord r = c.record();
        if (!r.state().running()) {
            throw new ConflictException("Container " + r.id() + " is not running");
        }
        if (r.state().paused()) {
            throw new ConflictException("Container " + r.id() + " is already paused");
        }
        ctx.runtime(r).pause(r.id());
        ctx.store().update(c, x -> x.withState(x.state().paused(true)));
        ctx.event(c.record(), "pause", Map.of());
    }

    public void resume(Container c) throws IOException {
        ContainerRecord r = c.record();
        if (!r.state().paused()) {
            throw new ConflictException("Container " + r.id() + " is not paused");
        }
        ctx.runtime(r).resume(r.id());
        ctx.store().update(c, x -> x.withState(x.state().paused(false)));
        ctx.event(c.record(), "unpause", Map.of());
    }

    public void resize(Container c, int rows, int cols) throws IOException {
        ContainerRecord r = c.record();
        if (!r.state().running()) {
            throw new ConflictException("Container " + r.id() + " is not running");
        }
        if (r.config().tty()) {
            ctx.runtime(r).resize(r.id(), rows, cols);
        }
    }

    /**
     * After a daemon restart: containers conmon kept running are watched again; exits that
     * happened meanwhile are recorded with their codes.
     */
    public void restore(Container c) {
        ContainerRecord r = c.record();
        if (!r.state().running()) {
            return;
        }
        try {
            OciRuntime runtime = ctx.runtime(r);
            Optional<OciRuntime.RuntimeState> state = runtime.state(r.id());
            if (state.isPresent() && !state.get().status().equals("stopped")) {
                c.attach().connect(runtime.attach(r.id()), r.config().stdinOnce() || !r.config().openStdin());
                monitor(c);
                return;
            }
            OciRuntime.ExitStatus exit = runtime.exitStatus(r.id())
                    .orElse(new OciRuntime.ExitStatus(255, false, Instant.now()));
            recordExit(c, exit);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not restore container " + r.id() + ": " + e.getMessage());
        }
    }
}
