package dev.berth.http;

import dev.berth.http.wire.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 server on blocking sockets, one virtual thread per connection.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.builder()
 *     .listener(Listener.unix(Path.of("/run/berth.sock"), "660", Optional.of("berth")))
 *     .router(api)
 *     .errorRenderer(new DockerErrorRenderer())
 *     .commonHeaders(() -> Map.of("Api-Version", "1.47", "Server", "berth", "Ostype", "linux"))
 *     .build();
 * server.start();
 * ...
 * server.close(); // stop accepting, close idle connections, wait for the rest up to the shutdown timeout
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());

    private final List<Listener> listeners;
    private final Handler handler;
    private final ErrorRenderer errorRenderer;
    private final Supplier<Map<String, String>> commonHeaders;
    private final Duration idleTimeout;
    private final Duration shutdownTimeout;
    private final List<Listener.Acceptor> acceptors = new ArrayList<>();
    private final List<Thread> acceptThreads = new ArrayList<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "http-idle-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean draining;

    private HttpServer(Builder b) {
        this.listeners = List.copyOf(b.listeners);
        this.handler = Objects.requireNonNull(b.handler, "router");
        this.errorRenderer = b.errorRenderer;
        this.commonHeaders = b.commonHeaders;
        this.idleTimeout = b.idleTimeout;
        this.shutdownTimeout = b.shutdownTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds every listener and starts accepting. */
    public synchronized void start() throws IOException {
        if (!acceptors.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        try {
            for (Listener listener : listeners) {
                acceptors.add(listener.bind());
            }
        } catch (IOException e) {
            closeAcceptors();
            throw e;
        }
        for (Listener.Acceptor acceptor : acceptors) {
            acceptThreads.add(Thread.ofVirtual().name("http-accept").start(() -> acceptLoop(acceptor)));
        }
    }

    /** The bound addresses, in listener order (the actual port where a listener asked for port 0). */
    public synchronized List<SocketAddress> addresses() throws IOException {
        List<SocketAddress> addresses = new ArrayList<>();
        for (Listener.Acceptor acceptor : acceptors) {
            addresses.add(acceptor.localAddress());
        }
        return addresses;
    }

    private void acceptLoop(Listener.Acceptor acceptor) {
        while (!draining) {
            Transport transport;
            try {
                transport = acceptor.accept();
            } catch (IOException e) {
                if (!draining) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed, listener stopped", e);
                }
                return;
            }
            Connection connection = new Connection(this, transport);
            connections.add(connection);
            Thread.ofVirtual().name("http-conn").start(connection);
        }
    }

    @Override
    public synchronized void close() {
        draining = true;
        closeAcceptors();
        connections.forEach(Connection::closeIfIdle);
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.forEach(Connection::abort);
        timers.shutdownNow();
    }

    private void closeAcceptors() {
        for (Listener.Acceptor acceptor : acceptors) {
            try {
                acceptor.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing listener", e);
            }
        }
        // A channel closed while a virtual thread is parked in accept() is only really closed once that
        // thread has woken; until then the kernel still queues connections. Wait so that close() means closed.
        for (Thread t : acceptThreads) {
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    boolean draining() {
        return draining;
    }

    void forget(Connection connection) {
        connections.remove(connection);
    }

    Handler handler() {
        return handler;
    }

    ErrorRenderer errorRenderer() {
        return errorRenderer;
    }

    Supplier<Map<String, String>> commonHeaders() {
        return commonHeaders;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    public static final class Builder {
        private final List<Listener> listeners = new ArrayList<>();
        private Handler handler;
        private ErrorRenderer errorRenderer = new DockerErrorRenderer();
        private Supplier<Map<String, String>> commonHeaders = Map::of;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        public Builder listener(Listener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** The table of routes; any {@link Handler} will do, a {@link Router} is the usual one. */
        public Builder router(Handler router) {
            this.handler = Objects.requireNonNull(router);
            return this;
        }

        public Builder errorRenderer(ErrorRenderer renderer) {
            this.errorRenderer = Objects.requireNonNull(renderer);
            return this;
        }

        /** Fields sent on every response (berthd: Api-Version, Server, Ostype, Docker-Experimental). */
        public Builder commonHeaders(Supplier<Map<String, String>> headers) {
            this.commonHeaders = Objects.requireNonNull(headers);
            return this;
        }

        /** How long a connection may take to send the next request head (slowloris guard). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long {@link HttpServer#close()} waits for requests in flight. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public HttpServer build() {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("no listener");
            }
            return new HttpServer(this);
        }
    }
}
