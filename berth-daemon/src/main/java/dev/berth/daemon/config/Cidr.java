package dev.berth.daemon.config;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Checks for the address-shaped settings; only literals are accepted, so nothing here touches DNS. */
final class Cidr {
    private Cidr() {
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IP address is not correctly formatted: " + text);
        }
    }

    static boolean isIpv6(String cidr) {
        return cidr.contains(":");
    }

    /** Validates {@code address/prefix} and returns the prefix length. */
    static int prefixLength(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        InetAddress address = ip(cidr.substring(0, slash));
        int bits = address instanceof Inet6Address ? 128 : 32;
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (prefix >= 0 && prefix <= bits) {
                return prefix;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("invalid CIDR address: " + cidr);
    }

    static String ipv4Cidr(String cidr) {
        prefixLength(cidr);
        if (isIpv6(cidr)) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr + " (expected IPv4)");
        }
        return cidr;
    }

    static String ipv6Cidr(String cidr) {
        prefixLength(cidr);
        if (!isIpv6(cidr)) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr + " (expected IPv6)");
        }
        return cidr;
    }
}
