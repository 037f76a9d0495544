package dev.berth.cli.network;

import java.util.Arrays;

/**
 * A {@code address/prefix} as Go's {@code net.ParseCIDR} reads it, with {@code IPNet.Contains}: what
 * docker's CLI uses to match {@code --ip-range}, {@code --gateway} and {@code --aux-address} to a
 * {@code --subnet}.
 *
 * <p>Use: {@code Cidr.parse("10.1.0.0/24").contains(IpAddress.parse("10.1.0.5").orElse(null))} is true.
 */
public final class Cidr {
    private static final int BIG = 0xFFFFFF;

    private final IpAddress address;
    private final byte[] network;
    private final byte[] mask;

    private Cidr(IpAddress address, byte[] network, byte[] mask) {
        this.address = address;
        this.network = network;
        this.mask = mask;
    }

    /** Throws with Go's message, {@code invalid CIDR address: TEXT}. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        byte[] ip = slash < 0 ? null : IpAddress.parse16(text.substring(0, slash));
        if (ip == null) {
            throw invalid(text);
        }
        String bitsText = text.substring(slash + 1);
        int n = 0;
        int i = 0;
        for (; i < bitsText.length() && bitsText.charAt(i) >= '0' && bitsText.charAt(i) <= '9'; i++) {
            n = n * 10 + bitsText.charAt(i) - '0';
            if (n >= BIG) {
                throw invalid(text);
            }
        }
        boolean is4 = isPlainV4(text.substring(0, slash));
        int bits = is4 ? 32 : 128;
        if (i == 0 || i != bitsText.length() || n > bits) {
            throw invalid(text);
        }
        IpAddress address = IpAddress.parse(text.substring(0, slash)).orElseThrow();
        byte[] mask = mask(n, bits / 8);
        byte[] base = is4 ? Arrays.copyOfRange(ip, 12, 16) : ip;
        byte[] network = new byte[base.length];
        for (int k = 0; k < base.length; k++) {
            network[k] = (byte) (base[k] & mask[k]);
        }
        return new Cidr(address, network, mask);
    }

    /** netip's {@code Is4}: written as a dotted quad, not as an IPv6 address (even a mapped one). */
    private static boolean isPlainV4(String address) {
        return address.indexOf(':') < 0;
    }

    private static byte[] mask(int ones, int length) {
        byte[] mask = new byte[length];
        for (int k = 0; k < length; k++) {
            int bitsHere = Math.max(0, Math.min(8, ones - 8 * k));
            mask[k] = (byte) (0xff << (8 - bitsHere));
        }
        return mask;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid CIDR address: " + text);
    }

    /** The address as written before the slash (not the network's), as ParseCIDR's first result. */
    public IpAddress address() {
        return address;
    }

    /** Go's {@code IPNet.Contains}; a null address (ParseIP's nil) is never contained. */
    public boolean contains(IpAddress ip) {
        if (ip == null) {
            return false;
        }
        byte[] nn = network;
        byte[] m = mask;
        if (nn.length == 16 && IpAddress.isV4Mapped(nn)) {
            nn = Arrays.copyOfRange(nn, 12, 16);
            m = Arrays.copyOfRange(m, 12, 16);
        }
        byte[] v4 = ip.to4();
        byte[] candidate = v4 != null ? v4 : ip.bytes();
        if (candidate.length != nn.length) {
            return false;
        }
        for (int k = 0; k < nn.length; k++) {
            if ((nn[k] & m[k]) != (candidate[k] & m[k])) {
                return false;
            }
        }
        return true;
    }
}
