package dev.berth.network.dns;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The DNS server at 127.0.0.11 inside a container on a user-defined network, as Docker's: it answers the
 * names a {@link Resolver} knows (A and AAAA, TTL 600) and forwards every other query to the upstream
 * servers, in order, each given {@link #UPSTREAM_TIMEOUT}; when all fail the client gets SERVFAIL, and
 * with no upstream at all (an internal network) an unknown name is NXDOMAIN. UDP and TCP both; a UDP reply
 * bigger than the client takes (512 bytes, or its EDNS size) is cut short with TC set.
 *
 * <pre>{@code
 * // On a normal thread of berthd, in the host's network namespace:
 * DatagramChannel udp = NetNamespaces.callIn(netnsFile, () ->
 *         DatagramChannel.open().bind(new InetSocketAddress("127.0.0.11", 53)));
 * ServerSocketChannel tcp = NetNamespaces.callIn(netnsFile, () ->
 *         ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.11", 53)));
 * EmbeddedDns dns = EmbeddedDns.start(udp, tcp, names, List.of(new InetSocketAddress("8.8.8.8", 53)));
 * ...
 * dns.close();   // stops serving and closes both channels
 * }</pre>
 *
 * <p><b>Namespaces.</b> The two listening channels are opened by the caller inside the container's network
 * namespace; a socket stays in the namespace it was created in whatever thread later uses it, so the
 * server itself never enters a namespace. The sockets that forward queries upstream are created per query
 * on this server's virtual threads, whose carrier threads are in the host's network namespace — so
 * forwarding reaches the host's resolvers (even a loopback one such as 127.0.0.53), exactly as Docker does.
 * Therefore call {@link #start} on a thread in the host namespace, never inside
 * {@code NetNamespaces.callIn}: a thread started from within a namespace is born in it, and that includes
 * a virtual-thread carrier the JDK would create there.
 */
public final class EmbeddedDns implements AutoCloseable {
    /** How long one upstream server gets to answer before the next is tried. */
    public static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(EmbeddedDns.class.getName());
    private static final int MAX_FORWARDED_IN_FLIGHT = 100;
    private static final int MAX_TCP_CONNECTIONS = 100;
    private static final Duration TCP_IDLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DATAGRAM = 65535;

    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final QueryAnswerer answerer;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("embedded-dns-query-", 0).factory());
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Thread udpLoop;
    private final Thread tcpLoop;
    private volatile boolean closed;

    private EmbeddedDns(DatagramChannel udp, ServerSocketChannel tcp, QueryAnswerer answerer) {
        this.udp = udp;
        this.tcp = tcp;
        this.answerer = answerer;
        this.udpLoop = Thread.ofVirtual().name("embedded-dns-udp").unstarted(this::serveUdp);
        this.tcpLoop = Thread.ofVirtual().name("embedded-dns-tcp").unstarted(this::acceptTcp);
    }

    /**
     * Serves on two already-bound channels, which this server owns from now on (in blocking mode; closed by
     * {@link #close}). {@code upstreams} are asked in order; an empty list means unknown names are NXDOMAIN.
     */
    public static EmbeddedDns start(DatagramChannel udp, ServerSocketChannel tcp, Resolver resolver,
                                    List<InetSocketAddress> upstreams) throws IOException {
        return start(udp, tcp, resolver, upstreams, UPSTREAM_TIMEOUT);
    }

    static EmbeddedDns start(DatagramChannel udp, ServerSocketChannel tcp, Resolver resolver,
                             List<InetSocketAddress> upstreams, Duration upstreamTimeout) throws IOException {
        if (udp.getLocalAddress() == null || tcp.getLocalAddress() == null) {
            throw new IllegalArgumentException("the embedded DNS serves on channels already bound");
        }
        Objects.requireNonNull(resolver, "resolver");
        udp.configureBlocking(true);
        tcp.configureBlocking(true);
        UpstreamForwarder forwarder = new UpstreamForwarder(upstreams, upstreamTimeout, MAX_FORWARDED_IN_FLIGHT);
        EmbeddedDns dns = new EmbeddedDns(udp, tcp, new QueryAnswerer(resolver, forwarder));
        dns.udpLoop.start();
        dns.tcpLoop.start();
        return dns;
    }

    /** For tests: serves on 127.0.0.1, UDP and TCP on the same free port. */
    public static EmbeddedDns startOnLoopback(Resolver resolver, List<InetSocketAddress> upstreams) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; ; attempt++) {
            DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
            int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            try {
                ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, port));
                return start(udp, tcp, resolver, upstreams);
            } catch (IOException e) {
                udp.close();
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    public InetSocketAddress udpAddress() throws IOException {
        return (InetSocketAddress) udp.getLocalAddress();
    }

    public InetSocketAddress tcpAddress() throws IOException {
        return (InetSocketAddress) tcp.getLocalAddress();
    }

    /** Stops serving: closes both channels and every TCP connection, and waits for queries in flight. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(udp);
        closeQuietly(tcp);
        connections.forEach(EmbeddedDns::closeQuietly);
        try {
            // A channel closed under a thread parked in receive/accept is only released once that thread wakes.
            udpLoop.join(STOP_TIMEOUT);
            tcpLoop.join(STOP_TIMEOUT);
            workers.shutdownNow();
            if (!workers.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "embedded DNS queries still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] framed(byte[] message) {
        byte[] out = new byte[2 + message.length];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }

    private void serveUdp() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closed) {
            buffer.clear();
            SocketAddress client;
            try {
                client = udp.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "embedded DNS: UDP receive failed", e);
                }
                continue;
            }
            byte[] wire = Arrays.copyOf(buffer.array(), buffer.position());
            submit(() -> answerUdp(wire, client));
        }
    }

    private void answerUdp(byte[] wire, SocketAddress client) {
        Optional<byte[]> reply = answerer.answer(wire, false);
        if (reply.isEmpty()) {
            return;
        }
        try {
            udp.send(ByteBuffer.wrap(reply.get()), client);
        } catch (IOException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.DEBUG, "embedded DNS: could not reply to {0}: {1}", client, e.toString());
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = tcp.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "embedded DNS: TCP accept failed", e);
                }
                continue;
            }
            if (connections.size() >= MAX_TCP_CONNECTIONS) {
                closeQuietly(connection);
                continue;
            }
            connections.add(connection);
            submit(() -> serveTcp(connection));
        }
    }

    /** Length-prefixed queries (RFC 1035 §4.2.2), answered in order until the client closes or idles. */
    private void serveTcp(SocketChannel connection) {
        try (connection) {
            if (closed) {
                return;
            }
            Socket socket = connection.socket();
            socket.setSoTimeout((int) TCP_IDLE_TIMEOUT.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                Optional<byte[]> reply = answerer.answer(wire, true);
                if (reply.isPresent()) {
                    out.write(framed(reply.get()));
                    out.flush();
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            // The client is done, or idle too long.
        } catch (IOException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.DEBUG, "embedded DNS: TCP connection failed: {0}", e.toString());
            }
        } finally {
            connections.remove(connection);
        }
    }

    private void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // Closing: the query goes unanswered, as it would a moment later.
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "embedded DNS: close failed: {0}", e.toString());
        }
    }
}
