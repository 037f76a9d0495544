package dev.berth.network.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Asks the upstream servers, in order, what the resolver does not know, over the protocol the client used.
 * Each query gets its own socket (a fresh source port, and replies from anyone else are never read), opened
 * on the calling thread — and so in that thread's network namespace, which must be the host's.
 */
final class UpstreamForwarder {
    private static final System.Logger LOG = System.getLogger(UpstreamForwarder.class.getName());
    private static final int MAX_UDP_REPLY = 65535;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final Semaphore inFlight;

    UpstreamForwarder(List<InetSocketAddress> servers, Duration timeout, int maxInFlight) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.inFlight = new Semaphore(maxInFlight);
    }

    boolean hasServers() {
        return !servers.isEmpty();
    }

    /**
     * The first upstream reply that is not SERVFAIL or REFUSED, else the last such reply, else empty (every
     * server timed out or failed, or too many queries are already being forwarded).
     */
    Optional<byte[]> forward(byte[] wire, DnsMessage query, boolean tcp) {
        if (!inFlight.tryAcquire()) {
            LOG.log(System.Logger.Level.WARNING, "too many queries forwarded at once; failing {0}", describe(query));
            return Optional.empty();
        }
        try {
            Optional<byte[]> last = Optional.empty();
            for (InetSocketAddress server : servers) {
                Optional<byte[]> reply = ask(server, wire, query, tcp);
                if (reply.isPresent()) {
                    int rcode = reply.get()[3] & 0xF;
                    if (rcode != DnsMessage.RCODE_SERVFAIL && rcode != DnsMessage.RCODE_REFUSED) {
                        return reply;
                    }
                    last = reply;
                }
            }
            return last;
        } finally {
            inFlight.release();
        }
    }

    private Optional<byte[]> ask(InetSocketAddress server, byte[] wire, DnsMessage query, boolean tcp) {
        try {
            return tcp ? askTcp(server, wire, query) : askUdp(server, wire, query);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "upstream {0} failed for {1}: {2}", server, describe(query), e.toString());
            return Optional.empty();
        }
    }

    private Optional<byte[]> askUdp(InetSocketAddress server, byte[] wire, DnsMessage query) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(wire, wire.length));
            DatagramPacket packet = new DatagramPacket(new byte[MAX_UDP_REPLY], MAX_UDP_REPLY);
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    throw new SocketTimeoutException("no reply within " + timeout);
                }
                socket.setSoTimeout((int) left);
                socket.receive(packet);
                byte[] reply = Arrays.copyOf(packet.getData(), packet.getLength());
                if (answers(reply, query)) {
                    return Optional.of(reply);
                }
            }
        }
    }

    private Optional<byte[]> askTcp(InetSocketAddress server, byte[] wire, DnsMessage query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(EmbeddedDns.framed(wire));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return answers(reply, query) ? Optional.of(reply) : Optional.empty();
        }
    }

    /** A reply to this very query: same id, the response bit, the same question (or none, as some errors have). */
    private static boolean answers(byte[] reply, DnsMessage query) {
        try {
            DnsMessage parsed = DnsMessage.parse(reply);
            List<DnsQuestion> echoed = parsed.questions();
            return parsed.id() == query.id() && parsed.isResponse()
                    && (echoed.isEmpty() || echoed.size() == 1 && echoed.getFirst().sameAs(query.questions().getFirst()));
        } catch (DnsFormatException e) {
            return false;
        }
    }

    private static String describe(DnsMessage query) {
        DnsQuestion q = query.questions().getFirst();
        return q.name() + " type " + q.type();
    }
}
