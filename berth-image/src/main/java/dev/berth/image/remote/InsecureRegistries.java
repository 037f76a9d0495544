package dev.berth.image.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The registries berthd may reach over plain HTTP (and over HTTPS without verifying the server):
 * those named in {@code insecure-registries} as {@code host[:port]}, those whose address falls in a
 * listed CIDR, and, as in dockerd, every registry on a loopback address.
 *
 * <pre>{@code
 * InsecureRegistries insecure = InsecureRegistries.parse(List.of("10.200.0.0/30", "myreg:5000"));
 * insecure.allowsPlainHttp("10.200.0.2:5000");   // true: in the CIDR
 * insecure.allowsPlainHttp("127.0.0.1:5000");    // true: loopback
 * insecure.allowsPlainHttp("example.com");       // false
 * }</pre>
 */
public record InsecureRegistries(List<String> hosts, List<Cidr> networks) {
    public InsecureRegistries {
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
    }

    public static InsecureRegistries none() {
        return new InsecureRegistries(List.of(), List.of());
    }

    /** Reads daemon.json's list: an entry with a {@code /} is a CIDR, anything else a registry name. */
    public static InsecureRegistries parse(List<String> entries) {
        return new InsecureRegistries(entries.stream().filter(e -> !e.contains("/")).toList(),
                entries.stream().filter(e -> e.contains("/")).map(Cidr::parse).toList());
    }

    /** Whether plain HTTP may be used for the registry {@code host[:port]}. */
    public boolean allowsPlainHttp(String hostPort) {
        if (hosts.contains(hostPort)) {
            return true;
        }
        for (InetAddress a : addresses(HostPort.host(hostPort))) {
            if (a.isLoopbackAddress() || networks.stream().anyMatch(n -> n.contains(a))) {
                return true;
            }
        }
        return false;
    }

    private static List<InetAddress> addresses(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** An address block such as {@code 10.200.0.0/30} or {@code fd00::/8}. */
    public record Cidr(InetAddress network, int prefix) {
        public Cidr {
            int bits = network.getAddress().length * 8;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("invalid CIDR prefix /" + prefix + " for " + network.getHostAddress());
            }
        }

        public static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String ip = text.substring(0, slash);
            if (!ip.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("invalid CIDR address: " + text);
            }
            try {
                return new Cidr(InetAddress.getByName(ip), Integer.parseInt(text.substring(slash + 1)));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("invalid CIDR address: " + text);
            }
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            byte[] n = network.getAddress();
            if (a.length != n.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
