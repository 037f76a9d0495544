package dev.berth.daemon.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a registry that can break a transfer half-way: once armed,
 * after {@code n} more bytes from the registry it resets every open connection, and when told to,
 * resets every new one too, as if the registry had gone away, until {@link #restore()}.
 *
 * <pre>{@code
 * try (CuttingProxy proxy = new CuttingProxy(registryHost, registryPort)) {
 *     proxy.cutAfter(20 << 20, false);   // one reset ~20 MB into the next big download
 *     docker.run("pull", proxy.address() + "/big/app:v1");
 * }
 * }</pre>
 */
final class CuttingProxy implements AutoCloseable {
    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean refuseAfterCut;

    CuttingProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy-accept").start(this::acceptLoop);
    }

    /** {@code 127.0.0.1:port}, the registry name images pushed through the proxy carry. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Arms one cut after {@code bytes} more bytes from the registry; {@code thenRefuse} keeps resetting afterwards. */
    void cutAfter(long bytes, boolean thenRefuse) {
        refuseAfterCut = thenRefuse;
        budget.set(bytes);
    }

    /** Relays new connections again, and disarms a cut not yet made. */
    void restore() {
        budget.set(Long.MAX_VALUE);
        refusing = false;
    }

    int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    reset(client);
                    continue;
                }
                Socket registry = new Socket();
                registry.connect(upstream, 5000);
                open.add(client);
                open.add(registry);
                Thread.ofVirtual().start(() -> pump(client, registry, false));
                Thread.ofVirtual().start(() -> pump(registry, client, true));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromRegistry) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                if (fromRegistry && budget.addAndGet(-n) <= 0) {
                    cutAll();
                    return;
                }
            }
        } catch (IOException closed) {
            // the other side went, or this relay was cut
        } finally {
            reset(from);
            reset(to);
        }
    }

    private synchronized void cutAll() {
        if (budget.get() > 0) {
            return;
        }
        budget.set(Long.MAX_VALUE);
        refusing = refuseAfterCut;
        cuts.incrementAndGet();
        open.forEach(this::reset);
    }

    /** Closes with RST rather than FIN, so the reader sees the transfer broken, not finished. */
    private void reset(Socket s) {
        open.remove(s);
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::reset);
    }
}
