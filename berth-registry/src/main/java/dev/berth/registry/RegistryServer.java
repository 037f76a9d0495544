package dev.berth.registry;

import dev.berth.http.ErrorRenderer;
import dev.berth.http.Handler;
import dev.berth.http.HttpServer;
import dev.berth.http.Listener;
import dev.berth.http.Router;
import dev.berth.http.TlsContexts;
import dev.berth.registry.api.ApiContext;
import dev.berth.registry.api.RegistryApi;
import dev.berth.registry.api.RegistryErrorRenderer;
import dev.berth.registry.api.Urls;
import dev.berth.registry.auth.AccessController;
import dev.berth.registry.auth.Authenticators;
import dev.berth.registry.config.ListenAddress;
import dev.berth.registry.config.RegistryConfig;
import dev.berth.registry.debug.DebugRoutes;
import dev.berth.registry.debug.HealthChecks;
import dev.berth.registry.debug.Metrics;
import dev.berth.registry.errcode.RegistryException;
import dev.berth.registry.notify.EventSink;
import dev.berth.registry.notify.Notifier;
import dev.berth.registry.proxy.PullThrough;
import dev.berth.registry.proxy.RemoteRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running registry: the API listener (plain or TLS), the optional debug listener, and the background work
 * (upload purging, health checks, notification delivery), all made from one {@link RegistryConfig}.
 *
 * <pre>{@code
 * try (RegistryServer server = RegistryServer.start(config, log)) {
 *     InetSocketAddress api = server.apiAddress();
 *     ...
 * }   // stops accepting, lets requests in flight finish within http.draintimeout
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {

    private final Registry registry;
    private final HttpServer api;
    private final Optional<HttpServer> debug;
    private final ScheduledExecutorService timer;
    private final Notifier notifier;

    private RegistryServer(Registry registry, HttpServer api, Optional<HttpServer> debug,
                           ScheduledExecutorService timer, Notifier notifier) {
        this.registry = registry;
        this.api = api;
        this.debug = debug;
        this.timer = timer;
        this.notifier = notifier;
    }

    public static RegistryServer start(RegistryConfig config, RegistryLog log) throws IOException {
        Registry registry = Registry.open(config.storage());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registry-maintenance");
            t.setDaemon(true);
            return t;
        });
        Metrics metrics = new Metrics();
        HealthChecks health = new HealthChecks();
        health.schedule(config.health(), registry.driver(), timer);
        Notifier notifier = new Notifier(config.notifications(), log);
        AccessController access = Authenticators.from(config.auth());
        Optional<PullThrough> proxy = config.proxy().map(p -> new PullThrough(new RemoteRegistry(p), registry,
                p.ttl(), Clock.systemUTC()));
        proxy.ifPresent(p -> scheduleExpiry(p, timer, log));
        RegistryConfig.Http http = config.http();
        Urls urls = new Urls(http.prefix(), http.host(), http.relativeUrls(), http.tls().isPresent());
        ApiContext ctx = new ApiContext(registry.blobs(), registry.uploads(), registry.manifests(),
                registry.repositories(), urls, access, config.storage().deleteEnabled(), config.storage().readOnly(),
                config.catalogMaxEntries(), notifier.isEmpty() ? EventSink.NONE : notifier, proxy);
        Optional<AccessLog> accessLog = config.log().accessLog() ? Optional.of(new AccessLog(log)) : Optional.empty();
        Router router = RegistryApi.router(ctx, http.prefix(), (method, template, handler) -> {
            String route = template.replace(http.prefix(), "");
            Handler logged = accessLog.isPresent() ? accessLog.get().wrap(route, handler) : handler;
            return metrics.timed(method, route, logged);
        });
        DebugRoutes debugRoutes = new DebugRoutes(registry, health, metrics, log);
        debugRoutes.addHealth(router);
        ErrorRenderer errors = countingErrors(metrics);
        Map<String, String> headers = commonHeaders(http);
        HttpServer apiServer = HttpServer.builder()
                .listener(apiListener(http))
                .router(router)
                .errorRenderer(errors)
                .commonHeaders(() -> headers)
                .shutdownTimeout(http.drainTimeout())
                .build();
        Optional<HttpServer> debugServer = http.debug().map(d -> HttpServer.builder()
                .listener(Listener.tcp(ListenAddress.parse(d.addr(), "http.debug.addr").socketAddress()))
                .router(debugRoutes.router(d))
                .errorRenderer(errors)
                .build());
        apiServer.start();
        try {
            if (debugServer.isPresent()) {
                debugServer.get().start();
            }
        } catch (IOException e) {
            apiServer.close();
            throw e;
        }
        schedulePurging(config.storage().uploadPurging(), registry, timer, log);
        RegistryServer server = new RegistryServer(registry, apiServer, debugServer, timer, notifier);
        log.info("listening on " + server.apiAddress(), "storage", registry.driver().name());
        return server;
    }

    public Registry registry() {
        return registry;
    }

    public InetSocketAddress apiAddress() throws IOException {
        return (InetSocketAddress) api.addresses().getFirst();
    }

    public Optional<InetSocketAddress> debugAddress() throws IOException {
        if (debug.isEmpty()) {
            return Optional.empty();
        }
        List<SocketAddress> a = debug.get().addresses();
        return Optional.of((InetSocketAddress) a.getFirst());
    }

    @Override
    public void close() {
        api.close();
        debug.ifPresent(HttpServer::close);
        timer.shutdownNow();
        notifier.close();
    }

    private static ErrorRenderer countingErrors(Metrics metrics) {
        RegistryErrorRenderer renderer = new RegistryErrorRenderer();
        return (error, request, response) -> {
            metrics.error(error instanceof RegistryException r ? r.code().name() : "UNKNOWN");
            renderer.render(error, request, response);
        };
    }

    private static Map<String, String> commonHeaders(RegistryConfig.Http http) {
        Map<String, String> headers = new LinkedHashMap<>();
        http.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        headers.put("Docker-Distribution-API-Version", "registry/2.0");
        return Map.copyOf(headers);
    }

    private static Listener apiListener(RegistryConfig.Http http) throws IOException {
        if (http.net().equals("unix")) {
            return Listener.unix(Path.of(http.addr()), "660", Optional.empty());
        }
        InetSocketAddress address = ListenAddress.parse(http.addr(), "http.addr").socketAddress();
        if (http.tls().isEmpty()) {
            return Listener.tcp(address);
        }
        RegistryConfig.Tls tls = http.tls().get();
        boolean clientCerts = !tls.clientCas().isEmpty();
        try {
            Path ca = clientCerts ? bundle(tls.clientCas()) : null;
            return Listener.tls(address, TlsContexts.server(ca, tls.certificate(), tls.key(), clientCerts),
                    clientCerts);
        } catch (GeneralSecurityException e) {
            throw new IOException("http.tls: " + e.getMessage(), e);
        }
    }

    /** TlsContexts takes one CA file; several clientcas are concatenated into a temporary bundle. */
    private static Path bundle(List<Path> cas) throws IOException {
        if (cas.size() == 1) {
            return cas.getFirst();
        }
        Path bundle = Files.createTempFile("berth-registry-clientcas", ".pem");
        bundle.toFile().deleteOnExit();
        for (Path ca : cas) {
            Files.writeString(bundle, Files.readString(ca) + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        return bundle;
    }

    /** Unlinks cached content older than proxy.ttl; checked every tenth of the ttl, at most every ten minutes. */
    private static void scheduleExpiry(PullThrough proxy, ScheduledExecutorService timer, RegistryLog log) {
        long every = Math.max(1000, Math.min(proxy.ttl().toMillis() / 10, Duration.ofMinutes(10).toMillis()));
        timer.scheduleWithFixedDelay(() -> {
            try {
                int expired = proxy.expire();
                if (expired > 0) {
                    log.info("expired cached content", "count", expired);
                }
            } catch (IOException | RuntimeException e) {
                log.error("proxy expiry failed", "err", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private static void schedulePurging(RegistryConfig.UploadPurging purging, Registry registry,
                                        ScheduledExecutorService timer, RegistryLog log) {
        if (!purging.enabled()) {
            return;
        }
        long interval = purging.interval().toMillis();
        // distribution waits a random part of an hour first, so a fleet restarted together does not purge at once
        long firstDelay = Math.min(interval, (long) (Math.random() * Duration.ofMinutes(60).toMillis()));
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<String> purged = registry.purger().purge(purging.age(), purging.dryRun());
                if (!purged.isEmpty()) {
                    log.info("purged stale uploads", "count", purged.size(), "dryrun", purging.dryRun());
                }
            } catch (IOException | RuntimeException e) {
                log.error("upload purging failed", "err", e.toString());
            }
        }, firstDelay, interval, TimeUnit.MILLISECONDS);
    }
}
