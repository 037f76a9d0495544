package dev.berth.network.ipam;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network in CIDR form: the network address (host bits zero) and the prefix length.
 * Only literals are parsed, so nothing here touches DNS.
 *
 * <pre>{@code
 * Subnet s = Subnet.parse("172.18.0.0/16");
 * s.contains(InetAddress.ofLiteral("172.18.3.4"));   // true
 * s.address(1);                                     // 172.18.0.1, the usual gateway
 * }</pre>
 */
public record Subnet(InetAddress network, int prefix) {

    public Subnet {
        int bits = bits(network);
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("invalid CIDR address: " + network.getHostAddress() + "/" + prefix);
        }
        network = masked(network, prefix);
    }

    /** {@code 10.1.0.0/16}; host bits are cleared, so {@code 10.1.2.3/16} is {@code 10.1.0.0/16}. */
    public static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        InetAddress address = literal(cidr.substring(0, slash), cidr);
        try {
            return new Subnet(address, Integer.parseInt(cidr.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
    }

    /** An address literal, or Docker's message naming it. */
    public static InetAddress literal(String text, String whole) {
        try {
            return InetAddress.ofLiteral(text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + whole);
        }
    }

    public static InetAddress ip(String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid IP address: " + text);
        }
    }

    public boolean isIpv6() {
        return network instanceof Inet6Address;
    }

    public int bits() {
        return bits(network);
    }

    public boolean contains(InetAddress a) {
        return bits(a) == bits() && masked(a, prefix).equals(network);
    }

    /** True when the two share any address (one contains the other's network). */
    public boolean overlaps(Subnet o) {
        if (o.isIpv6() != isIpv6()) {
            return false;
        }
        return contains(o.network) || o.contains(network);
    }

    /** True when all of {@code o} lies inside this subnet. */
    public boolean covers(Subnet o) {
        return o.isIpv6() == isIpv6() && o.prefix >= prefix && contains(o.network);
    }

    /** The number of addresses, 2^(bits − prefix). */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    /** The address at {@code offset} from the network address. */
    public InetAddress address(BigInteger offset) {
        return fromNumber(toNumber(network).add(offset), bits());
    }

    public InetAddress address(long offset) {
        return address(BigInteger.valueOf(offset));
    }

    /** How far {@code a} lies from the network address. */
    public BigInteger offsetOf(InetAddress a) {
        return toNumber(a).subtract(toNumber(network));
    }

    /** The last address (IPv4's broadcast). */
    public InetAddress last() {
        return address(size().subtract(BigInteger.ONE));
    }

    @Override
    public String toString() {
        return text(network) + "/" + prefix;
    }

    /** An address and a prefix as {@code ip addr} takes it: {@code 172.17.0.2/16}. */
    public static String withPrefix(InetAddress a, int prefix) {
        return text(a) + "/" + prefix;
    }

    /** An address in its shortest form ({@code fd00::1}, not {@code fd00:0:0:0:0:0:0:1}). */
    public static String text(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        return compress(a.getHostAddress());
    }

    private static String compress(String full) {
        String[] parts = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return head + "::" + tail;
    }

    static BigInteger toNumber(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    static InetAddress fromNumber(BigInteger n, int bits) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bits / 8];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bits(InetAddress a) {
        return a instanceof Inet6Address ? 128 : 32;
    }

    private static InetAddress masked(InetAddress a, int prefix) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
