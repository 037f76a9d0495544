package dev.berth.network.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource record with its data as the raw bytes on the wire. Names inside the data (CNAME, MX…) may hold
 * compression pointers into the message they came from, so such records are for reading, not re-encoding
 * into another message; the resolver only builds A, AAAA and OPT records, which hold no names.
 */
public record DnsRecord(DnsName name, int type, int dnsClass, long ttl, byte[] data) {
    public static final int TYPE_A = 1;
    public static final int TYPE_NS = 2;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_PTR = 12;
    public static final int TYPE_MX = 15;
    public static final int TYPE_TXT = 16;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
    public static final int TYPE_OPT = 41;
    public static final int TYPE_ANY = 255;
    public static final int CLASS_IN = 1;

    public DnsRecord {
        Objects.requireNonNull(name, "name");
        checkU16("type", type);
        checkU16("class", dnsClass);
        if (ttl < 0 || ttl > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ttl out of range: " + ttl);
        }
        data = data.clone();
        checkU16("data length", data.length);
    }

    /** An A record for an IPv4 address, an AAAA record for an IPv6 one. */
    public static DnsRecord address(DnsName name, InetAddress address, long ttl) {
        int type = address instanceof Inet4Address ? TYPE_A : TYPE_AAAA;
        return new DnsRecord(name, type, CLASS_IN, ttl, address.getAddress());
    }

    /** The EDNS(0) pseudo-record: the class field carries the largest UDP reply its sender accepts. */
    static DnsRecord opt(int udpPayloadSize) {
        return new DnsRecord(DnsName.ROOT, TYPE_OPT, udpPayloadSize, 0, new byte[0]);
    }

    /** The address an A or AAAA record of class IN holds; empty for any other record. */
    public Optional<InetAddress> address() {
        boolean ip = dnsClass == CLASS_IN
                && (type == TYPE_A && data.length == 4 || type == TYPE_AAAA && data.length == 16);
        if (!ip) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByAddress(data);
            // An AAAA record holding an IPv4-mapped address is still an IPv6 answer.
            return Optional.of(type == TYPE_AAAA && address instanceof Inet4Address
                    ? Inet6Address.getByAddress(null, data, -1) : address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DnsRecord r && name.equals(r.name) && type == r.type && dnsClass == r.dnsClass
                && ttl == r.ttl && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, dnsClass, ttl, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return name + " " + ttl + " class " + dnsClass + " type " + type + " " + HexFormat.of().formatHex(data);
    }

    static DnsRecord read(WireReader in) throws DnsFormatException {
        DnsName name = DnsName.read(in);
        int type = in.u16();
        int dnsClass = in.u16();
        long ttl = in.u32();
        return new DnsRecord(name, type, dnsClass, ttl, in.bytes(in.u16()));
    }

    void write(WireWriter out) {
        out.name(name);
        out.u16(type);
        out.u16(dnsClass);
        out.u32(ttl);
        out.u16(data.length);
        out.bytes(data);
    }

    static void checkU16(String what, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }
}
