package dev.berth.network.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DnsMessageTest {
    /** What busybox nslookup sent for "foo" A (captured on the wire). */
    private static final byte[] BUSYBOX_QUERY = HexFormat.of().parseHex("b9b00100000100000000000003666f6f0000010001");

    @Test
    void parses_a_query_as_a_stub_resolver_sends_it() throws Exception {
        DnsMessage query = DnsMessage.parse(BUSYBOX_QUERY);
        assertEquals(0xb9b0, query.id());
        assertFalse(query.isResponse());
        assertTrue(query.recursionDesired());
        assertEquals(DnsMessage.OPCODE_QUERY, query.opcode());
        assertEquals(List.of(new DnsQuestion(DnsName.of("foo"), DnsRecord.TYPE_A, DnsRecord.CLASS_IN)), query.questions());
        assertEquals(OptionalInt.empty(), query.ednsUdpSize());
        assertEquals(512, query.maxUdpReplySize());
    }

    @Test
    void encodes_a_query_back_to_the_same_bytes() throws Exception {
        assertArrayEquals(BUSYBOX_QUERY, DnsMessage.query(0xb9b0, DnsName.of("foo"), DnsRecord.TYPE_A).encode());
        DnsMessage query = DnsMessage.parse(BUSYBOX_QUERY);
        assertEquals(query, DnsMessage.parse(query.encode()));
    }

    @Test
    void answers_point_back_at_the_question_name_and_read_back_with_ttl_and_address() throws Exception {
        DnsMessage query = DnsMessage.query(7, DnsName.of("web.frontend"), DnsRecord.TYPE_A);
        DnsName name = query.questions().getFirst().name();
        DnsMessage reply = query.reply(DnsMessage.RCODE_NOERROR, List.of(
                DnsRecord.address(name, InetAddress.getByName("10.0.0.2"), 600),
                DnsRecord.address(name, InetAddress.getByName("10.0.0.3"), 600)));
        byte[] wire = reply.encode();
        // header 12 + question (14 name + 4) = 30; each answer: pointer 2 + 10 fixed + 4 data.
        assertEquals(30 + 2 * 16, wire.length);
        assertEquals(0xC0, wire[30] & 0xFF);
        assertEquals(12, wire[31]);

        DnsMessage parsed = DnsMessage.parse(wire);
        assertEquals(reply, parsed);
        assertTrue(parsed.isResponse());
        assertEquals(DnsMessage.RCODE_NOERROR, parsed.rcode());
        assertEquals(600, parsed.answers().getFirst().ttl());
        assertEquals(InetAddress.getByName("10.0.0.3"), parsed.answers().get(1).address().orElseThrow());
        assertEquals(name, parsed.answers().get(1).name());
    }

    @Test
    void builds_aaaa_records_from_ipv6_addresses() throws Exception {
        DnsRecord aaaa = DnsRecord.address(DnsName.of("web"), InetAddress.getByName("fd00::2"), 600);
        assertEquals(DnsRecord.TYPE_AAAA, aaaa.type());
        assertEquals(16, aaaa.data().length);
        assertEquals(InetAddress.getByName("fd00::2"), aaaa.address().orElseThrow());

        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        DnsRecord mappedAaaa = new DnsRecord(DnsName.of("web"), DnsRecord.TYPE_AAAA, DnsRecord.CLASS_IN, 600, mapped);
        assertTrue(mappedAaaa.address().orElseThrow() instanceof java.net.Inet6Address);
    }

    @Test
    void nxdomain_echoes_the_question_and_copies_id_and_rd() throws Exception {
        DnsMessage query = DnsMessage.query(0x1234, DnsName.of("nowhere.invalid"), DnsRecord.TYPE_AAAA);
        DnsMessage reply = DnsMessage.parse(query.reply(DnsMessage.RCODE_NXDOMAIN, List.of()).encode());
        assertEquals(0x1234, reply.id());
        assertEquals(DnsMessage.RCODE_NXDOMAIN, reply.rcode());
        assertTrue(reply.isResponse());
        assertTrue(reply.recursionDesired());
        assertTrue((reply.flags() & DnsMessage.FLAG_RA) != 0);
        assertEquals(query.questions(), reply.questions());
        assertTrue(reply.answers().isEmpty());
    }

    @Test
    void keeps_the_clients_spelling_but_looks_up_in_lower_case() throws Exception {
        DnsMessage query = DnsMessage.parse(DnsMessage.query(1, DnsName.of("WeB.FrontEnd"), DnsRecord.TYPE_A).encode());
        DnsName name = query.questions().getFirst().name();
        assertEquals("web.frontend", name.lookupKey());
        assertEquals("WeB.FrontEnd", name.toString());
        DnsMessage reply = DnsMessage.parse(query.reply(0, List.of(
                DnsRecord.address(name, InetAddress.getByName("10.0.0.2"), 600))).encode());
        assertEquals("WeB.FrontEnd", reply.answers().getFirst().name().toString());
    }

    @Test
    void follows_compression_pointers_into_the_middle_of_earlier_names() throws Exception {
        // Question www.example.com (offset 12); answer name "mail" + pointer to "example.com" at offset 16;
        // additional name: a bare pointer to the answer's name at offset 33.
        String hex = "0001 8180 0001 0001 0000 0001"
                + "03777777 076578616d706c65 03636f6d 00 0001 0001"
                + "046d61696c c010 0001 0001 00000258 0004 0a000001"
                + "c021 0001 0001 00000258 0004 0a000002";
        DnsMessage message = DnsMessage.parse(HexFormat.of().parseHex(hex.replace(" ", "")));
        assertEquals("www.example.com", message.questions().getFirst().name().lookupKey());
        assertEquals("mail.example.com", message.answers().getFirst().name().lookupKey());
        assertEquals("mail.example.com", message.additionals().getFirst().name().lookupKey());
        assertEquals(InetAddress.getByName("10.0.0.2"), message.additionals().getFirst().address().orElseThrow());
    }

    @Test
    void compresses_shared_suffixes_when_encoding() throws Exception {
        DnsMessage message = new DnsMessage(1, DnsMessage.FLAG_QR, List.of(new DnsQuestion(DnsName.of("www.example.com"), 1, 1)),
                List.of(DnsRecord.address(DnsName.of("mail.example.com"), InetAddress.getByName("10.0.0.1"), 1)),
                List.of(), List.of());
        byte[] wire = message.encode();
        // The answer's name is "mail" then a pointer to "example.com" at offset 16.
        assertEquals("046d61696cc010", HexFormat.of().formatHex(wire, 33, 40));
        assertEquals(message, DnsMessage.parse(wire));
    }

    @Test
    void rejects_pointer_loops_and_forward_pointers() {
        String header = "0001 0100 0001 0000 0000 0000";
        assertMalformed(header + "c00c 0001 0001");            // points at itself
        assertMalformed(header + "c010 0001 0001 00");         // points forwards
        assertMalformed(header + "01 61 c00c 0001 0001");      // label, then back to its own start: a loop
    }

    @Test
    void rejects_unknown_label_types_overlong_names_and_short_headers() {
        assertMalformed("0001 0100 0001 0000 0000 0000 4161 00 0001 0001");
        assertMalformed("0001 0100 0000");
        StringBuilder longName = new StringBuilder("0001 0100 0001 0000 0000 0000");
        for (int i = 0; i < 5; i++) {
            longName.append("3f").append("61".repeat(63));
        }
        assertMalformed(longName + "00 0001 0001");
    }

    @Test
    void rejects_every_truncation_of_a_valid_message() throws Exception {
        DnsMessage query = DnsMessage.query(9, DnsName.of("web.frontend"), DnsRecord.TYPE_A).withEdns(4096);
        byte[] full = query.reply(0, List.of(DnsRecord.address(DnsName.of("web.frontend"),
                InetAddress.getByName("fd00::1"), 600))).encode();
        for (int length = 0; length < full.length; length++) {
            byte[] prefix = Arrays.copyOf(full, length);
            assertThrows(DnsFormatException.class, () -> DnsMessage.parse(prefix), "length " + length);
        }
    }

    @Test
    void random_bytes_parse_or_fail_with_a_format_error_only() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] wire = new byte[random.nextInt(80)];
            random.nextBytes(wire);
            if (wire.length > 5) {
                wire[4] = 0;   // keep counts small so that some get past the header
                wire[5] = (byte) random.nextInt(3);
            }
            try {
                DnsMessage.parse(wire);
            } catch (DnsFormatException e) {
                // expected for most
            }
        }
    }

    @Test
    void reads_the_edns_payload_size_and_answers_edns_in_kind() throws Exception {
        DnsMessage query = DnsMessage.parse(DnsMessage.query(3, DnsName.of("web"), DnsRecord.TYPE_A).withEdns(4096).encode());
        assertEquals(OptionalInt.of(4096), query.ednsUdpSize());
        assertEquals(4096, query.maxUdpReplySize());
        DnsMessage reply = DnsMessage.parse(query.reply(0, List.of()).encode());
        assertEquals(OptionalInt.of(DnsMessage.EDNS_UDP_SIZE), reply.ednsUdpSize());
        // An EDNS size below 512 does not shrink the classic limit.
        assertEquals(512, DnsMessage.query(3, DnsName.of("web"), 1).withEdns(100).maxUdpReplySize());
    }

    @Test
    void parses_an_edns_opt_record_with_options() throws Exception {
        // dig-style query: OPT with udp 1232, DO bit and a cookie option (code 10, 8 bytes).
        String hex = "abcd 0120 0001 0000 0000 0001 03666f6f 00 0001 0001"
                + "00 0029 04d0 00008000 000c 000a 0008 0102030405060708";
        DnsMessage query = DnsMessage.parse(HexFormat.of().parseHex(hex.replace(" ", "")));
        assertEquals(OptionalInt.of(1232), query.ednsUdpSize());
        assertEquals("foo", query.questions().getFirst().name().lookupKey());
    }

    @Test
    void fitting_drops_answers_and_sets_tc_when_a_reply_is_too_big() throws Exception {
        DnsMessage query = DnsMessage.query(5, DnsName.of("many"), DnsRecord.TYPE_A);
        List<DnsRecord> answers = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            answers.add(DnsRecord.address(DnsName.of("many"), InetAddress.getByName("10.0.1." + i), 600));
        }
        DnsMessage reply = query.reply(0, answers);
        assertTrue(reply.encode().length > 512);

        DnsMessage cut = DnsMessage.parse(reply.fitting(512).encode());
        assertTrue(cut.truncated());
        assertTrue(reply.fitting(512).encode().length <= 512);
        assertFalse(cut.answers().isEmpty());
        assertEquals(answers.subList(0, cut.answers().size()), cut.answers());

        assertEquals(reply, reply.fitting(4096));
    }

    @Test
    void truncate_cuts_a_raw_reply_to_its_question_with_tc_set() throws Exception {
        DnsMessage query = DnsMessage.query(5, DnsName.of("big.example"), DnsRecord.TYPE_A);
        byte[] full = query.reply(0, List.of(DnsRecord.address(DnsName.of("big.example"),
                InetAddress.getByName("10.0.0.1"), 600))).encode();
        DnsMessage cut = DnsMessage.parse(DnsMessage.truncate(full));
        assertTrue(cut.truncated());
        assertEquals(5, cut.id());
        assertEquals(query.questions(), cut.questions());
        assertTrue(cut.answers().isEmpty() && cut.authorities().isEmpty() && cut.additionals().isEmpty());
    }

    @Test
    void format_error_keeps_the_id_and_refuses_to_answer_responses_or_fragments() throws Exception {
        byte[] garbage = HexFormat.of().parseHex("beef0100000100000000000003666f6fc0ff");
        DnsMessage error = DnsMessage.parse(DnsMessage.formatError(garbage).orElseThrow());
        assertEquals(0xbeef, error.id());
        assertEquals(DnsMessage.RCODE_FORMERR, error.rcode());
        assertTrue(error.isResponse());
        assertTrue(error.questions().isEmpty());

        assertTrue(DnsMessage.formatError(new byte[5]).isEmpty());
        byte[] response = garbage.clone();
        response[2] |= (byte) 0x80;
        assertTrue(DnsMessage.formatError(response).isEmpty());
    }

    @Test
    void lookup_keys_escape_what_would_make_one_label_look_like_two() {
        DnsName name = new DnsName(List.of("a.b", "C\\d", "x y"));
        assertEquals("a\\.b.c\\\\d.x\\032y", name.lookupKey());
        assertEquals("", DnsName.ROOT.lookupKey());
        assertEquals(DnsName.ROOT, DnsName.of("."));
        assertThrows(IllegalArgumentException.class, () -> DnsName.of("a..b"));
        assertThrows(IllegalArgumentException.class, () -> DnsName.of("x".repeat(64)));
    }

    private static void assertMalformed(String hex) {
        byte[] wire = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThrows(DnsFormatException.class, () -> DnsMessage.parse(wire), hex);
    }
}
