package dev.berth.daemon;

import dev.berth.daemon.api.ApiVersions;
import dev.berth.daemon.api.EngineErrors;
import dev.berth.daemon.config.ConfigException;
import dev.berth.daemon.config.DaemonConfig;
import dev.berth.daemon.config.DaemonConfigLoader;
import dev.berth.daemon.config.DaemonHost;
import dev.berth.daemon.config.DataRootLock;
import dev.berth.daemon.config.EarlyExit;
import dev.berth.daemon.config.Log;
import dev.berth.daemon.config.PidFile;
import dev.berth.daemon.config.RemappedRoot;
import dev.berth.daemon.config.ReloadResult;
import dev.berth.daemon.distribution.Distribution;
import dev.berth.daemon.container.ContainerBackend;
import dev.berth.daemon.events.EventLog;
import dev.berth.daemon.image.ImageBackend;
import dev.berth.daemon.image.ImageRoutes;
import dev.berth.daemon.system.EngineIdentity;
import dev.berth.daemon.system.HostFacts;
import dev.berth.daemon.system.SystemRoutes;
import dev.berth.http.ApiException;
import dev.berth.http.HttpServer;
import dev.berth.http.Listener;
import dev.berth.http.Router;
import dev.berth.http.TlsContexts;
import dev.berth.image.store.ImageRemover;
import dev.berth.linux.IdMap;
import dev.berth.storage.Snapshotter;
import dev.berth.storage.Snapshotters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/** berthd: reads its configuration, opens the stores under the data-root and serves the Engine API. */
public final class Berthd {
    private static final System.Logger LOG = Log.logger("berthd");
    private final AtomicReference<DaemonConfig> config;
    private final DaemonConfigLoader loader;
    private final EventLog events = new EventLog();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private HttpServer server;
    private DataRootLock lock;
    private PidFile pidFile;
    private dev.berth.network.NetworkController network;
    private ContainerBackend containers;

    private Berthd(DaemonConfig config, DaemonConfigLoader loader) {
        this.config = new AtomicReference<>(config);
        this.loader = loader;
    }

    public static void main(String[] args) {
        DaemonConfigLoader loader = new DaemonConfigLoader(EngineIdentity.VERSION, EngineIdentity.GIT_COMMIT, System.out);
        DaemonConfig config;
        try {
            config = loader.load(args);
        } catch (EarlyExit e) {
            System.exit(e.exitCode());
            return;
        } catch (ConfigException e) {
            System.err.println("berthd: " + e.getMessage());
            System.exit(e.exitCode());
            return;
        }
        Log.configure(config.effectiveLogLevel(), System.err);
        Berthd daemon = new Berthd(config, loader);
        try {
            daemon.start();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "failed to start daemon: " + describe(e));
            daemon.stop();
            System.exit(1);
        }
        daemon.awaitStop();
    }

    /**
     * An exception's message; for a file-system failure whose message is only the path (Java's {@code
     * NoSuchFileException}, {@code FileAlreadyExistsException}, …), the path and what went wrong, as Go words it.
     */
    static String describe(Exception e) {
        if (!(e instanceof FileSystemException f) || f.getReason() != null) {
            return e.getMessage();
        }
        String what = switch (f) {
            case NoSuchFileException x -> "no such file or directory";
            case FileAlreadyExistsException x -> "file exists";
            case DirectoryNotEmptyException x -> "directory not empty";
            case AccessDeniedException x -> "permission denied";
            case NotDirectoryException x -> "not a directory";
            default -> f.getClass().getSimpleName();
        };
        return f.getMessage() + ": " + what;
    }

    private void start() throws IOException {
        DaemonConfig c = config.get();
        Files.createDirectories(c.dataRoot());
        Files.createDirectories(c.execRoot());
        lock = DataRootLock.acquire(c.dataRoot());
        pidFile = PidFile.create(c.pidFile());
        // With --userns-remap the stores live in <data-root>/<uid>.<gid>, their files owned by the remapped ids.
        Optional<RemappedRoot> remap = RemappedRoot.resolve(c.runtime().usernsRemap(), Path.of("/etc"),
                RemappedRoot::addUser);
        Path root = remap.isPresent() ? remap.get().prepare(c.dataRoot(), c.execRoot()) : c.dataRoot();
        Snapshotter snapshotter = Snapshotters.choose(root, c.storage().driver().map(Object::toString),
                remap.map(RemappedRoot::ids).orElse(IdMap.IDENTITY));
        LOG.log(System.Logger.Level.INFO, "[graphdriver] using storage driver: " + snapshotter.type());
        AtomicReference<ImageRemover.ImageUsage> usage = new AtomicReference<>(ImageRemover.ImageUsage.NONE);
        ImageBackend images = ImageBackend.open(root, snapshotter, EngineIdentity.VERSION,
                (image, running) -> usage.get().containersUsing(image, running));
        network = dev.berth.network.NetworkController.open(networkSettings(c));
        containers = ContainerBackend.open(root, c.execRoot(), images.images(), snapshotter,
                Runtimes.of(c), config::get, events, network);
        usage.set(containers.imageUsage());
        Router router = new Router().withVersionPrefix();
        new SystemRoutes(config::get, EngineIdentity.idOf(c.dataRoot()), HostFacts.read(), snapshotter, root,
                images, containers.context().store(), events).register(router);
        containers.register(router);
        new dev.berth.daemon.network.NetworkRoutes(network, containers.context(), events).register(router);
        dev.berth.daemon.container.CommitRoutes.of(containers, images.layers(), EngineIdentity.VERSION).register(router);
        // certs.d sits next to daemon.json (/etc/berth/certs.d), so a daemon on a temp config has its own.
        Distribution distribution = Distribution.open(images, events, root, () -> config.get().registry(),
                c.configFile().toAbsolutePath().resolveSibling("certs.d"));
        new ImageRoutes(images, events, snapshotter, distribution).register(router);
        HttpServer.Builder builder = HttpServer.builder()
                .router((req, res) -> {
                    Optional<String> v = req.apiVersion();
                    if (v.isPresent() && ApiVersions.compare(v.get(), ApiVersions.CURRENT) > 0) {
                        throw ApiException.invalidParameter("client version %s is too new. Maximum supported API version is %s",
                                v.get(), ApiVersions.CURRENT);
                    }
                    if (v.isPresent() && ApiVersions.compare(v.get(), ApiVersions.MINIMUM) < 0) {
                        throw ApiException.invalidParameter("client version %s is too old. Minimum supported API version is %s, please upgrade your client to a newer version",
                                v.get(), ApiVersions.MINIMUM);
                    }
                    router.handle(req, res);
                })
                .errorRenderer(new EngineErrors())
                .commonHeaders(SystemRoutes::commonHeaders);
        for (DaemonHost h : c.hosts()) {
            builder.listener(listener(c, h));
        }
        containers.restore();
        server = builder.build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "berthd-shutdown"));
        // A clean shutdown on SIGTERM/SIGINT exits 0, as dockerd does, rather than the JVM's 143.
        Signal.handle(new Signal("TERM"), s -> Thread.ofVirtual().start(this::exitCleanly));
        Signal.handle(new Signal("INT"), s -> Thread.ofVirtual().start(this::exitCleanly));
        Signal.handle(new Signal("HUP"), s -> Thread.ofVirtual().start(this::reload));
        LOG.log(System.Logger.Level.INFO, "Daemon has completed initialization");
        for (DaemonHost h : c.hosts()) {
            LOG.log(System.Logger.Level.INFO, "API listen on " + (h.isUnix() ? h.socketPath() : h.tcpHost() + ":" + h.tcpPort()));
        }
    }

    private static dev.berth.network.NetworkSettings networkSettings(DaemonConfig c) {
        var n = c.network();
        java.util.List<dev.berth.network.ipam.SubnetPicker.Pool> pools = n.defaultAddressPools().isEmpty()
                ? dev.berth.network.ipam.SubnetPicker.DOCKER_DEFAULTS
                : n.defaultAddressPools().stream().map(p -> new dev.berth.network.ipam.SubnetPicker.Pool(
                        dev.berth.network.ipam.Subnet.parse(p.base()), p.size())).toList();
        return new dev.berth.network.NetworkSettings(c.dataRoot().resolve("network"), c.execRoot().resolve("netns"),
                n.nftTable(), n.iptables(), n.ipForward(), n.ipMasq(), n.icc(), n.mtu() > 0 ? n.mtu() : 1500,
                n.bridge(), "berth0", n.bip(), n.fixedCidr(), n.defaultGateway(), n.ipv6(), n.fixedCidrV6(),
                n.ip(), pools);
    }

    private static Listener listener(DaemonConfig c, DaemonHost h) throws IOException {
        if (h.isUnix()) {
            return Listener.unix(h.socketPath(), "660", Optional.of(c.group()));
        }
        InetSocketAddress addr = new InetSocketAddress(h.tcpHost(), h.tcpPort());
        if (!c.tls().enabled()) {
            LOG.log(System.Logger.Level.WARNING, "Binding to IP address without --tlsverify is insecure and gives root"
                    + " access on this machine to everyone who has access to your network. host=\"" + h + "\"");
            LOG.log(System.Logger.Level.WARNING, "[DEPRECATION NOTICE] In future versions this will be a hard failure"
                    + " preventing the daemon from starting! Learn more at: https://docs.docker.com/go/api-security/");
            return Listener.tcp(addr);
        }
        try {
            return Listener.tls(addr, TlsContexts.server(c.tls().caCert(), c.tls().cert(), c.tls().key(),
                    c.tls().verify()), c.tls().verify());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("could not load the TLS certificates: " + e.getMessage(), e);
        }
    }

    private void reload() {
        DaemonConfig current = config.get();
        ReloadResult r = loader.reload(current, current.configFile());
        r.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        config.set(r.config());
        Log.setLevel(r.config().effectiveLogLevel());
        events.publish("daemon", "reload", EngineIdentity.VERSION, Map.of("changed", String.join(",", r.changedKeys())));
        LOG.log(System.Logger.Level.INFO, "Reloaded configuration: " + r.changedKeys());
    }

    private synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Processing signal 'terminated'");
        if (server != null) {
            server.close();
        }
        if (network != null) {
            boolean running = containers != null && containers.context().store().all().stream()
                    .anyMatch(x -> x.record().state().running());
            if (containers != null) {
                containers.context().networking().dns().stopAll();
            }
            network.shutdown(running);
        }
        try {
            if (pidFile != null) {
                pidFile.close();
            }
            if (lock != null) {
                lock.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cleanup failed: " + e.getMessage());
        }
        LOG.log(System.Logger.Level.INFO, "Daemon shutdown complete");
        stopped.countDown();
    }

    private void exitCleanly() {
        stop();
        System.exit(0);
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
