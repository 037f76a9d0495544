package dev.berth.network;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Host ports held for published container ports. Traffic never reaches these sockets (nftables DNATs it
 * first); binding them keeps any other program, or a second container, off the port, and turns a port
 * already in use into an error at start. Free ports come from the kernel's ephemeral range, round-robin.
 */
public final class PortReservations {
    private static final int FIRST = 32768;
    private static final int LAST = 60999;
    private final Map<String, List<Closeable>> held = new HashMap<>();
    private int next = FIRST;

    /** Binds every request; on failure nothing stays bound. */
    public synchronized List<PortBinding> reserve(String owner, List<PortRequest> requests, String endpointText)
            throws IOException {
        List<Closeable> sockets = new ArrayList<>();
        List<PortBinding> out = new ArrayList<>();
        try {
            for (PortRequest r : requests) {
                out.add(reserveOne(r, sockets, endpointText));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(sockets);
            throw e;
        }
        held.computeIfAbsent(owner, k -> new ArrayList<>()).addAll(sockets);
        return out;
    }

    public synchronized void release(String owner) {
        List<Closeable> s = held.remove(owner);
        if (s != null) {
            closeAll(s);
        }
    }

    public synchronized void releaseAll() {
        held.values().forEach(PortReservations::closeAll);
        held.clear();
    }

    private PortBinding reserveOne(PortRequest r, List<Closeable> sockets, String endpointText) throws IOException {
        String ip = r.hostIp().isEmpty() ? "0.0.0.0" : r.hostIp();
        InetAddress address = InetAddress.ofLiteral(ip);
        if (r.hostPortLow() == 0) {
            for (int i = 0; i <= LAST - FIRST; i++) {
                int port = next;
                next = next >= LAST ? FIRST : next + 1;
                Closeable s = tryBind(r.proto(), address, port);
                if (s != null) {
                    sockets.add(s);
                    return new PortBinding(r.proto(), r.containerPort(), ip, port);
                }
            }
            throw new IOException("no free host port in " + FIRST + "-" + LAST);
        }
        for (int port = r.hostPortLow(); port <= r.hostPortHigh(); port++) {
            Closeable s = tryBind(r.proto(), address, port);
            if (s != null) {
                sockets.add(s);
                return new PortBinding(r.proto(), r.containerPort(), ip, port);
            }
        }
        String ports = r.hostPortLow() == r.hostPortHigh() ? Integer.toString(r.hostPortLow())
                : r.hostPortLow() + "-" + r.hostPortHigh();
        throw new PortInUseException("driver failed programming external connectivity on endpoint " + endpointText
                + ": Bind for " + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + ports + " failed: port is already allocated");
    }

    private static Closeable tryBind(String proto, InetAddress address, int port) {
        try {
            if (proto.equals("udp")) {
                DatagramChannel ch = DatagramChannel.open();
                try {
                    ch.bind(new InetSocketAddress(address, port));
                } catch (IOException e) {
                    ch.close();
                    return null;
                }
                return ch;
            }
            // A bound socket that never listens holds the port against other binds without accepting anything.
            Socket s = new Socket();
            try {
                s.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                s.close();
                return null;
            }
            return s;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeAll(List<Closeable> sockets) {
        for (Closeable c : sockets) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a bound socket does not fail in a way that matters here
            }
        }
    }

    /** The host port is taken: Docker's "port is already allocated". */
    public static final class PortInUseException extends IOException {
        public PortInUseException(String message) {
            super(message);
        }
    }
}
