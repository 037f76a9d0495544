package dev.berth.network.dns;

import java.util.Objects;

/** What a query asks: a name, a record type ({@link DnsRecord#TYPE_A}…) and a class (nearly always IN). */
public record DnsQuestion(DnsName name, int type, int dnsClass) {
    public DnsQuestion {
        Objects.requireNonNull(name, "name");
        DnsRecord.checkU16("type", type);
        DnsRecord.checkU16("class", dnsClass);
    }

    /** The same question, with the name compared as DNS does (ignoring ASCII case). */
    public boolean sameAs(DnsQuestion other) {
        return type == other.type && dnsClass == other.dnsClass && name.equalsIgnoreCase(other.name);
    }

    static DnsQuestion read(WireReader in) throws DnsFormatException {
        return new DnsQuestion(DnsName.read(in), in.u16(), in.u16());
    }

    void write(WireWriter out) {
        out.name(name);
        out.u16(type);
        out.u16(dnsClass);
    }
}
