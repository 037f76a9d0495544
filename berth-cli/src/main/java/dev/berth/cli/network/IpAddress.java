package dev.berth.cli.network;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address as Go's {@code net.ParseIP} reads it (which is how docker's CLI validates
 * addresses): four decimal octets without leading zeros, or IPv6 with {@code ::} and an optional
 * trailing dotted quad, never a zone. Held in the 16-byte form, IPv4 as {@code ::ffff:a.b.c.d}.
 *
 * <p>Use: {@code IpAddress.parse("0:0::1").map(IpAddress::toString)} gives {@code ::1}, Go's {@code IP.String()}.
 */
public final class IpAddress {
    private static final byte[] V4_IN_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address, or empty where Go's {@code net.ParseIP} returns nil. */
    public static Optional<IpAddress> parse(String text) {
        return Optional.ofNullable(parse16(text)).map(IpAddress::new);
    }

    /** Go's {@code netip.ParseAddr} without zones: the 16-byte form, or null. */
    static byte[] parse16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                byte[] v4 = parseV4(s);
                return v4 == null ? null : mapped(v4);
            }
            if (c == ':') {
                return parseV6(s);
            }
            if (c == '%') {
                return null;
            }
        }
        return null;
    }

    private static byte[] mapped(byte[] v4) {
        byte[] out = Arrays.copyOf(V4_IN_V6, 16);
        System.arraycopy(v4, 0, out, 12, 4);
        return out;
    }

    private static byte[] parseV4(String s) {
        String[] fields = s.split("\\.", -1);
        if (fields.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String f = fields[i];
            if (f.isEmpty() || f.length() > 3 || !f.chars().allMatch(c -> c >= '0' && c <= '9') || f.length() > 1 && f.charAt(0) == '0') {
                return null;
            }
            int value = Integer.parseInt(f);
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    /** netip's parseIPv6, step by step: hex fields of up to four digits, one {@code ::}, a dotted quad only at the end. */
    private static byte[] parseV6(String s) {
        if (s.indexOf('%') >= 0) {
            return null;
        }
        byte[] ip = new byte[16];
        int ellipsis = -1;
        String rest = s;
        if (rest.startsWith("::")) {
            ellipsis = 0;
            rest = rest.substring(2);
            if (rest.isEmpty()) {
                return ip;
            }
        }
        int i = 0;
        while (i < 16) {
            int off = 0;
            int acc = 0;
            while (off < rest.length() && Character.digit(rest.charAt(off), 16) >= 0 && rest.charAt(off) < 128) {
                if (off > 3) {
                    return null;
                }
                acc = (acc << 4) + Character.digit(rest.charAt(off), 16);
                off++;
            }
            if (off == 0) {
                return null;
            }
            if (off < rest.length() && rest.charAt(off) == '.') {
                if (ellipsis < 0 && i != 12 || i + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseV4(rest);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, ip, i, 4);
                rest = "";
                i += 4;
                break;
            }
            ip[i] = (byte) (acc >> 8);
            ip[i + 1] = (byte) acc;
            i += 2;
            rest = rest.substring(off);
            if (rest.isEmpty()) {
                break;
            }
            if (rest.charAt(0) != ':' || rest.length() == 1) {
                return null;
            }
            rest = rest.substring(1);
            if (rest.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = i;
                rest = rest.substring(1);
                if (rest.isEmpty()) {
                    break;
                }
            }
        }
        if (!rest.isEmpty()) {
            return null;
        }
        if (i < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                ip[j + n] = ip[j];
            }
            Arrays.fill(ip, ellipsis, ellipsis + n, (byte) 0);
        } else if (ellipsis >= 0) {
            return null;
        }
        return ip;
    }

    /** The 16-byte form. */
    byte[] bytes() {
        return bytes.clone();
    }

    static boolean isV4Mapped(byte[] sixteen) {
        return Arrays.equals(sixteen, 0, 12, V4_IN_V6, 0, 12);
    }

    /** Go's {@code To4}: the four bytes of an IPv4 (or IPv4-mapped) address, else null. */
    byte[] to4() {
        return isV4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : null;
    }

    /** 127.0.0.0/8 or ::1, as netip's {@code IsLoopback}. */
    public boolean isLoopback() {
        byte[] v4 = to4();
        return v4 != null ? v4[0] == 127 : Arrays.equals(bytes, 0, 15, new byte[15], 0, 15) && bytes[15] == 1;
    }

    /** Go's {@code IP.String()}: dotted for IPv4, RFC 5952 for IPv6 (longest run of two or more zero fields as {@code ::}). */
    @Override
    public String toString() {
        byte[] v4 = to4();
        if (v4 != null) {
            return Byte.toUnsignedInt(v4[0]) + "." + Byte.toUnsignedInt(v4[1]) + "." + Byte.toUnsignedInt(v4[2]) + "." + Byte.toUnsignedInt(v4[3]);
        }
        int[] fields = new int[8];
        for (int i = 0; i < 8; i++) {
            fields[i] = Byte.toUnsignedInt(bytes[2 * i]) << 8 | Byte.toUnsignedInt(bytes[2 * i + 1]);
        }
        int zeroStart = -1;
        int zeroEnd = -1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && fields[j] == 0) {
                j++;
            }
            if (j - i >= 2 && j - i > zeroEnd - zeroStart) {
                zeroStart = i;
                zeroEnd = j;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == zeroStart) {
                out.append("::");
                i = zeroEnd;
                if (i >= 8) {
                    break;
                }
            } else if (i > 0) {
                out.append(':');
            }
            out.append(Integer.toHexString(fields[i]));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
