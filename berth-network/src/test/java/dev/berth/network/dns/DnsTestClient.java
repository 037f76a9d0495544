package dev.berth.network.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;

/** A minimal stub resolver for tests: one query, one reply, over UDP or TCP. */
final class DnsTestClient {
    private static final int TIMEOUT_MILLIS = 5000;

    private DnsTestClient() {
    }

    static DnsMessage udp(InetSocketAddress server, DnsMessage query) throws IOException, DnsFormatException {
        return DnsMessage.parse(udpRaw(server, query.encode(), TIMEOUT_MILLIS).orElseThrow(
                () -> new SocketTimeoutException("no UDP reply from " + server)));
    }

    /** The raw reply to raw bytes, or empty when none comes within {@code timeoutMillis}. */
    static Optional<byte[]> udpRaw(InetSocketAddress server, byte[] wire, int timeoutMillis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(wire, wire.length, server));
            DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
            socket.receive(packet);
            return Optional.of(Arrays.copyOf(packet.getData(), packet.getLength()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    static DnsMessage tcp(InetSocketAddress server, DnsMessage query) throws IOException, DnsFormatException {
        try (Socket socket = new Socket()) {
            socket.connect(server, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(EmbeddedDns.framed(query.encode()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return DnsMessage.parse(reply);
        }
    }
}
