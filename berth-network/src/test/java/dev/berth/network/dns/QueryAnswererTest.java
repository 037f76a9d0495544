package dev.berth.network.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The answering logic without sockets: a resolver, no upstream servers. */
class QueryAnswererTest {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Map<String, List<InetAddress>> names = Map.of(
            "web", List.of(address("10.0.0.2"), address("fd00::2")),
            "v4only", List.of(address("10.0.0.3")),
            "cache", List.of());
    private final QueryAnswerer answerer = new QueryAnswerer(name -> {
        asked.add(name);
        if (name.equals("boom")) {
            throw new IllegalStateException("resolver bug");
        }
        return Optional.ofNullable(names.get(name));
    }, new UpstreamForwarder(List.of(), Duration.ofSeconds(1), 10));

    @Test
    void answers_a_with_the_ipv4_and_aaaa_with_the_ipv6_addresses() throws Exception {
        DnsMessage a = ask("web", DnsRecord.TYPE_A);
        assertEquals(DnsMessage.RCODE_NOERROR, a.rcode());
        assertEquals(List.of(address("10.0.0.2")), addresses(a));
        assertEquals(QueryAnswerer.TTL_SECONDS, a.answers().getFirst().ttl());
        assertEquals(List.of(address("fd00::2")), addresses(ask("web", DnsRecord.TYPE_AAAA)));
    }

    @Test
    void answers_a_known_name_without_that_family_with_noerror_and_nothing() throws Exception {
        DnsMessage aaaa = ask("v4only", DnsRecord.TYPE_AAAA);
        assertEquals(DnsMessage.RCODE_NOERROR, aaaa.rcode());
        assertTrue(aaaa.answers().isEmpty());
        DnsMessage noAddress = ask("cache", DnsRecord.TYPE_A);
        assertEquals(DnsMessage.RCODE_NOERROR, noAddress.rcode());
        assertTrue(noAddress.answers().isEmpty());
    }

    @Test
    void answers_other_types_for_known_names_with_noerror_and_nothing() throws Exception {
        for (int type : new int[] {DnsRecord.TYPE_MX, DnsRecord.TYPE_TXT, DnsRecord.TYPE_PTR, DnsRecord.TYPE_SRV}) {
            DnsMessage reply = ask("web", type);
            assertEquals(DnsMessage.RCODE_NOERROR, reply.rcode());
            assertTrue(reply.answers().isEmpty());
        }
    }

    @Test
    void asks_the_resolver_in_lower_case_without_the_trailing_dot() throws Exception {
        DnsMessage reply = ask("WEB.", DnsRecord.TYPE_A);
        assertEquals(List.of("web"), asked);
        assertEquals("WEB", reply.answers().getFirst().name().toString());
    }

    @Test
    void answers_unknown_names_with_nxdomain_when_there_is_no_upstream() throws Exception {
        DnsMessage reply = ask("nowhere", DnsRecord.TYPE_A);
        assertEquals(DnsMessage.RCODE_NXDOMAIN, reply.rcode());
        assertEquals("nowhere", reply.questions().getFirst().name().lookupKey());
    }

    @Test
    void answers_servfail_when_the_resolver_throws() throws Exception {
        assertEquals(DnsMessage.RCODE_SERVFAIL, ask("boom", DnsRecord.TYPE_A).rcode());
    }

    @Test
    void answers_formerr_to_a_malformed_query_and_nothing_to_fragments_or_responses() throws Exception {
        byte[] badPointer = HexFormat.of().parseHex("beef0100000100000000000003666f6fc0ff");
        DnsMessage error = DnsMessage.parse(answerer.answer(badPointer, false).orElseThrow());
        assertEquals(DnsMessage.RCODE_FORMERR, error.rcode());
        assertEquals(0xbeef, error.id());

        assertTrue(answerer.answer(new byte[] {1, 2, 3}, false).isEmpty());
        byte[] response = DnsMessage.query(1, DnsName.of("web"), 1).reply(0, List.of()).encode();
        assertTrue(answerer.answer(response, false).isEmpty());
    }

    @Test
    void answers_notimp_to_other_opcodes_and_formerr_to_several_questions() throws Exception {
        DnsMessage query = DnsMessage.query(1, DnsName.of("web"), DnsRecord.TYPE_A);
        DnsMessage notify = new DnsMessage(1, 4 << 11, query.questions(), List.of(), List.of(), List.of());
        assertEquals(DnsMessage.RCODE_NOTIMP, reply(notify, false).rcode());

        DnsMessage two = new DnsMessage(1, DnsMessage.FLAG_RD, List.of(query.questions().getFirst(),
                query.questions().getFirst()), List.of(), List.of(), List.of());
        assertEquals(DnsMessage.RCODE_FORMERR, reply(two, false).rcode());
    }

    @Test
    void cuts_an_oversized_udp_answer_unless_edns_or_tcp_allows_it() throws Exception {
        List<InetAddress> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            many.add(address("10.0.1." + i));
        }
        QueryAnswerer big = new QueryAnswerer(name -> Optional.of(many),
                new UpstreamForwarder(List.of(), Duration.ofSeconds(1), 10));
        DnsMessage query = DnsMessage.query(2, DnsName.of("many"), DnsRecord.TYPE_A);

        byte[] udp = big.answer(query.encode(), false).orElseThrow();
        assertTrue(udp.length <= 512, "length " + udp.length);
        assertTrue(DnsMessage.parse(udp).truncated());

        DnsMessage edns = DnsMessage.parse(big.answer(query.withEdns(4096).encode(), false).orElseThrow());
        assertEquals(60, edns.answers().size());
        assertTrue(!edns.truncated());

        DnsMessage tcp = DnsMessage.parse(big.answer(query.encode(), true).orElseThrow());
        assertEquals(60, tcp.answers().size());
        assertTrue(!tcp.truncated());
    }

    private DnsMessage ask(String name, int type) throws DnsFormatException {
        return reply(DnsMessage.query(77, DnsName.of(name), type), false);
    }

    private DnsMessage reply(DnsMessage query, boolean tcp) throws DnsFormatException {
        DnsMessage reply = DnsMessage.parse(answerer.answer(query.encode(), tcp).orElseThrow());
        assertEquals(query.id(), reply.id());
        assertTrue(reply.isResponse());
        return reply;
    }

    static List<InetAddress> addresses(DnsMessage reply) {
        return reply.answers().stream().map(r -> r.address().orElseThrow()).toList();
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
