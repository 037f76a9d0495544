package dev.berth.network.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One DNS message (RFC 1035 §4): the header's id and flags and its four sections. {@link #parse} reads any
 * message, following compression pointers; {@link #encode} writes one, compressing names.
 *
 * <pre>{@code
 * DnsMessage query = DnsMessage.parse(datagram);           // DnsFormatException: answer formatError(datagram)
 * DnsQuestion q = query.questions().getFirst();
 * DnsMessage reply = query.reply(DnsMessage.RCODE_NOERROR,
 *         List.of(DnsRecord.address(q.name(), address, 600)));
 * byte[] out = reply.fitting(query.maxUdpReplySize()).encode();   // over UDP: trimmed with TC set if too big
 * }</pre>
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
                         List<DnsRecord> authorities, List<DnsRecord> additionals) {
    public static final int FLAG_QR = 0x8000;
    public static final int FLAG_AA = 0x0400;
    public static final int FLAG_TC = 0x0200;
    public static final int FLAG_RD = 0x0100;
    public static final int FLAG_RA = 0x0080;

    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_FORMERR = 1;
    public static final int RCODE_SERVFAIL = 2;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int RCODE_NOTIMP = 4;
    public static final int RCODE_REFUSED = 5;

    public static final int OPCODE_QUERY = 0;

    /** The classic limit of a UDP reply to a client that did not offer more through EDNS (RFC 1035 §4.2.1). */
    public static final int CLASSIC_UDP_SIZE = 512;
    /** The UDP payload this resolver offers in its own OPT records (the DNS flag day 2020 value). */
    public static final int EDNS_UDP_SIZE = 1232;

    private static final int HEADER_SIZE = 12;
    private static final int OPCODE_SHIFT = 11;

    public DnsMessage {
        DnsRecord.checkU16("id", id);
        DnsRecord.checkU16("flags", flags);
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** A standard query with recursion desired, as a stub resolver sends it. */
    public static DnsMessage query(int id, DnsName name, int type) {
        return new DnsMessage(id, FLAG_RD, List.of(new DnsQuestion(name, type, DnsRecord.CLASS_IN)),
                List.of(), List.of(), List.of());
    }

    public static DnsMessage parse(byte[] wire) throws DnsFormatException {
        if (wire.length < HEADER_SIZE) {
            throw new DnsFormatException("a DNS message has a 12-byte header, got " + wire.length + " bytes");
        }
        WireReader in = new WireReader(wire);
        int id = in.u16();
        int flags = in.u16();
        int questionCount = in.u16();
        int answerCount = in.u16();
        int authorityCount = in.u16();
        int additionalCount = in.u16();
        List<DnsQuestion> questions = new ArrayList<>();
        for (int i = 0; i < questionCount; i++) {
            questions.add(DnsQuestion.read(in));
        }
        return new DnsMessage(id, flags, questions, readRecords(in, answerCount), readRecords(in, authorityCount),
                readRecords(in, additionalCount));
    }

    /**
     * The header-only FORMERR reply to bytes that did not parse, with their id, opcode and RD bit; empty when
     * they are too short to have an id or are themselves a response (answering those could loop).
     */
    public static Optional<byte[]> formatError(byte[] wire) {
        if (wire.length < HEADER_SIZE || (wire[2] & 0x80) != 0) {
            return Optional.empty();
        }
        int queryFlags = ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
        int flags = FLAG_QR | (queryFlags & (0xF << OPCODE_SHIFT | FLAG_RD)) | FLAG_RA | RCODE_FORMERR;
        byte[] reply = new byte[HEADER_SIZE];
        reply[0] = wire[0];
        reply[1] = wire[1];
        reply[2] = (byte) (flags >>> 8);
        reply[3] = (byte) flags;
        return Optional.of(reply);
    }

    /**
     * A reply too big for its UDP client, cut down to its header and question with TC set, telling the
     * client to ask again over TCP. Works on the raw bytes, so it suits replies passed through from upstream.
     */
    public static byte[] truncate(byte[] reply) throws DnsFormatException {
        if (reply.length < HEADER_SIZE) {
            throw new DnsFormatException("a DNS message has a 12-byte header, got " + reply.length + " bytes");
        }
        WireReader in = new WireReader(reply);
        in.position(4);
        int questionCount = in.u16();
        in.position(HEADER_SIZE);
        for (int i = 0; i < questionCount; i++) {
            DnsQuestion.read(in);
        }
        // Pointers in the question section point backwards, into the bytes kept.
        byte[] cut = Arrays.copyOf(reply, in.position());
        cut[2] |= (byte) (FLAG_TC >>> 8);
        Arrays.fill(cut, 6, HEADER_SIZE, (byte) 0);
        return cut;
    }

    public boolean isResponse() {
        return (flags & FLAG_QR) != 0;
    }

    public int opcode() {
        return (flags >>> OPCODE_SHIFT) & 0xF;
    }

    /** The header's 4-bit response code (extended codes in an OPT record are not combined in). */
    public int rcode() {
        return flags & 0xF;
    }

    public boolean truncated() {
        return (flags & FLAG_TC) != 0;
    }

    public boolean recursionDesired() {
        return (flags & FLAG_RD) != 0;
    }

    /** The UDP payload size the sender's EDNS OPT record offers; empty when the message has none. */
    public OptionalInt ednsUdpSize() {
        return additionals.stream().filter(r -> r.type() == DnsRecord.TYPE_OPT).mapToInt(DnsRecord::dnsClass)
                .findFirst();
    }

    /** The largest UDP reply this query's sender accepts: 512 bytes, or more if its EDNS record says so. */
    public int maxUdpReplySize() {
        return Math.max(CLASSIC_UDP_SIZE, ednsUdpSize().orElse(CLASSIC_UDP_SIZE));
    }

    /** This message with an EDNS OPT record offering {@code udpPayloadSize}, as a client adds it. */
    public DnsMessage withEdns(int udpPayloadSize) {
        List<DnsRecord> extra = new ArrayList<>(additionals);
        extra.removeIf(r -> r.type() == DnsRecord.TYPE_OPT);
        extra.add(DnsRecord.opt(udpPayloadSize));
        return new DnsMessage(id, flags, questions, answers, authorities, extra);
    }

    /**
     * The reply to this query: same id, opcode, RD and question, RA set (the resolver forwards), the given
     * code and answers, and an OPT record of its own when the query had one (EDNS is answered in kind).
     */
    public DnsMessage reply(int rcode, List<DnsRecord> answerRecords) {
        if (rcode < 0 || rcode > 0xF) {
            throw new IllegalArgumentException("rcode out of range: " + rcode);
        }
        int replyFlags = FLAG_QR | (flags & (0xF << OPCODE_SHIFT | FLAG_RD)) | FLAG_RA | rcode;
        List<DnsRecord> extra = ednsUdpSize().isPresent() ? List.of(DnsRecord.opt(EDNS_UDP_SIZE)) : List.of();
        return new DnsMessage(id, replyFlags, questions, answerRecords, List.of(), extra);
    }

    /**
     * This message if it encodes in {@code maxBytes}; otherwise with TC set and answers dropped from the end
     * (then the authority and additional sections) until it fits, as a UDP reply must.
     */
    public DnsMessage fitting(int maxBytes) {
        if (encode().length <= maxBytes) {
            return this;
        }
        List<DnsRecord> kept = new ArrayList<>(answers);
        DnsMessage cut = new DnsMessage(id, flags | FLAG_TC, questions, kept, authorities, additionals);
        while (!kept.isEmpty() && cut.encode().length > maxBytes) {
            kept.removeLast();
            cut = new DnsMessage(id, flags | FLAG_TC, questions, kept, authorities, additionals);
        }
        if (cut.encode().length > maxBytes) {
            cut = new DnsMessage(id, flags | FLAG_TC, questions, List.of(), List.of(), List.of());
        }
        return cut;
    }

    public byte[] encode() {
        WireWriter out = new WireWriter();
        out.u16(id);
        out.u16(flags);
        out.u16(questions.size());
        out.u16(answers.size());
        out.u16(authorities.size());
        out.u16(additionals.size());
        questions.forEach(q -> q.write(out));
        answers.forEach(r -> r.write(out));
        authorities.forEach(r -> r.write(out));
        additionals.forEach(r -> r.write(out));
        return out.toByteArray();
    }

    private static List<DnsRecord> readRecords(WireReader in, int count) throws DnsFormatException {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(DnsRecord.read(in));
        }
        return records;
    }
}
