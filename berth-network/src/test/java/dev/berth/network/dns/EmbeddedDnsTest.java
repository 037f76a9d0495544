package dev.berth.network.dns;

import static dev.berth.network.dns.QueryAnswererTest.address;
import static dev.berth.network.dns.QueryAnswererTest.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two servers on loopback: the one a container asks, and another standing in for the host's resolver. */
class EmbeddedDnsTest {
    private static final List<InetAddress> MANY = manyAddresses();

    private final List<String> upstreamAsked = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EmbeddedDns upstream;
    private EmbeddedDns dns;

    @BeforeEach
    void start() throws IOException {
        Map<String, List<InetAddress>> outside = Map.of(
                "example.org", List.of(address("192.0.2.7"), address("2001:db8::7")),
                "big.example.org", MANY);
        upstream = open(EmbeddedDns.startOnLoopback(name -> {
            upstreamAsked.add(name);
            return Optional.ofNullable(outside.get(name));
        }, List.of()));
        dns = open(EmbeddedDns.startOnLoopback(containerNames(), List.of(upstream.udpAddress())));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void answers_its_own_names_over_udp() throws Exception {
        DnsMessage a = DnsTestClient.udp(dns.udpAddress(), query("web", DnsRecord.TYPE_A));
        assertEquals(List.of(address("10.0.0.2")), addresses(a));
        assertEquals(600, a.answers().getFirst().ttl());
        assertEquals(List.of(address("fd00::2")), addresses(DnsTestClient.udp(dns.udpAddress(), query("web", DnsRecord.TYPE_AAAA))));

        DnsMessage none = DnsTestClient.udp(dns.udpAddress(), query("v4only", DnsRecord.TYPE_AAAA));
        assertEquals(DnsMessage.RCODE_NOERROR, none.rcode());
        assertTrue(none.answers().isEmpty());
        assertTrue(upstreamAsked.isEmpty(), "known names are not forwarded: " + upstreamAsked);
    }

    @Test
    void answers_its_own_names_over_tcp() throws Exception {
        assertEquals(List.of(address("10.0.0.2")), addresses(DnsTestClient.tcp(dns.tcpAddress(), query("web", DnsRecord.TYPE_A))));
    }

    @Test
    void forwards_unknown_names_upstream_and_passes_the_reply_through() throws Exception {
        DnsMessage a = DnsTestClient.udp(dns.udpAddress(), query("Example.ORG", DnsRecord.TYPE_A));
        assertEquals(List.of(address("192.0.2.7")), addresses(a));
        assertEquals("Example.ORG", a.questions().getFirst().name().toString());
        assertEquals(List.of(address("2001:db8::7")),
                addresses(DnsTestClient.tcp(dns.tcpAddress(), query("example.org", DnsRecord.TYPE_AAAA))));
        assertEquals(List.of("example.org", "example.org"), upstreamAsked);
    }

    @Test
    void forwards_other_types_of_unknown_names_and_keeps_them_for_known_ones() throws Exception {
        assertEquals(DnsMessage.RCODE_NOERROR, DnsTestClient.udp(dns.udpAddress(), query("web", DnsRecord.TYPE_MX)).rcode());
        assertTrue(upstreamAsked.isEmpty());
        DnsTestClient.udp(dns.udpAddress(), query("example.org", DnsRecord.TYPE_MX));
        assertEquals(List.of("example.org"), upstreamAsked);
    }

    @Test
    void passes_nxdomain_from_upstream_through() throws Exception {
        DnsMessage udp = DnsTestClient.udp(dns.udpAddress(), query("nowhere.invalid", DnsRecord.TYPE_A));
        assertEquals(DnsMessage.RCODE_NXDOMAIN, udp.rcode());
        assertEquals("nowhere.invalid", udp.questions().getFirst().name().lookupKey());
        assertEquals(DnsMessage.RCODE_NXDOMAIN, DnsTestClient.tcp(dns.tcpAddress(), query("nowhere.invalid", DnsRecord.TYPE_A)).rcode());
    }

    @Test
    void answers_servfail_when_every_upstream_is_dead() throws Exception {
        InetSocketAddress dead = deadPort();
        EmbeddedDns lonely = open(EmbeddedDns.startOnLoopback(containerNames(), List.of(dead, dead)));
        assertEquals(DnsMessage.RCODE_SERVFAIL, DnsTestClient.udp(lonely.udpAddress(), query("example.org", DnsRecord.TYPE_A)).rcode());
        assertEquals(DnsMessage.RCODE_SERVFAIL, DnsTestClient.tcp(lonely.tcpAddress(), query("example.org", DnsRecord.TYPE_A)).rcode());
        // Its own names still work.
        assertEquals(List.of(address("10.0.0.2")), addresses(DnsTestClient.udp(lonely.udpAddress(), query("web", DnsRecord.TYPE_A))));
    }

    @Test
    void gives_each_silent_upstream_the_timeout_then_answers_servfail() throws Exception {
        DatagramChannel silent = open(DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        InetSocketAddress silentAddress = (InetSocketAddress) silent.getLocalAddress();
        EmbeddedDns waiting = open(EmbeddedDns.start(udpOnLoopback(), tcpOnLoopback(), containerNames(),
                List.of(silentAddress, silentAddress), Duration.ofMillis(300)));
        long started = System.nanoTime();
        DnsMessage reply = DnsTestClient.udp(waiting.udpAddress(), query("example.org", DnsRecord.TYPE_A));
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(DnsMessage.RCODE_SERVFAIL, reply.rcode());
        assertTrue(tookMillis >= 600 && tookMillis < 3000, "took " + tookMillis + " ms");
    }

    @Test
    void tries_the_next_upstream_after_a_timeout_or_a_servfail() throws Exception {
        DatagramChannel silent = open(DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        EmbeddedDns failing = open(EmbeddedDns.startOnLoopback(name -> {
            throw new IllegalStateException("broken upstream");
        }, List.of()));
        EmbeddedDns patient = open(EmbeddedDns.start(udpOnLoopback(), tcpOnLoopback(), containerNames(),
                List.of((InetSocketAddress) silent.getLocalAddress(), failing.udpAddress(), upstream.udpAddress()),
                Duration.ofMillis(300)));
        DnsMessage reply = DnsTestClient.udp(patient.udpAddress(), query("example.org", DnsRecord.TYPE_A));
        assertEquals(List.of(address("192.0.2.7")), addresses(reply));
    }

    @Test
    void cuts_big_udp_replies_with_tc_and_sends_them_whole_over_tcp() throws Exception {
        for (EmbeddedDns server : List.of(upstream, dns)) {   // answered itself, then passed through
            DnsMessage udp = DnsTestClient.udp(server.udpAddress(), query("big.example.org", DnsRecord.TYPE_A));
            assertTrue(udp.truncated());
            assertTrue(udp.encode().length <= 512);
            DnsMessage edns = DnsTestClient.udp(server.udpAddress(), query("big.example.org", DnsRecord.TYPE_A).withEdns(4096));
            assertFalse(edns.truncated());
            assertEquals(MANY, addresses(edns));
            DnsMessage tcp = DnsTestClient.tcp(server.tcpAddress(), query("big.example.org", DnsRecord.TYPE_A));
            assertFalse(tcp.truncated());
            assertEquals(MANY, addresses(tcp));
        }
    }

    @Test
    void survives_malformed_packets() throws Exception {
        InetSocketAddress server = dns.udpAddress();
        assertTrue(DnsTestClient.udpRaw(server, new byte[] {1, 2, 3}, 300).isEmpty());
        byte[] badPointer = HexFormat.of().parseHex("beef0100000100000000000003666f6fc0ff");
        DnsMessage error = DnsMessage.parse(DnsTestClient.udpRaw(server, badPointer, 5000).orElseThrow());
        assertEquals(DnsMessage.RCODE_FORMERR, error.rcode());
        assertEquals(0xbeef, error.id());
        byte[] random = new byte[300];
        new java.util.Random(1).nextBytes(random);
        DnsTestClient.udpRaw(server, random, 300);
        assertEquals(List.of(address("10.0.0.2")), addresses(DnsTestClient.udp(server, query("web", DnsRecord.TYPE_A))));
        assertEquals(List.of(address("10.0.0.2")), addresses(DnsTestClient.tcp(dns.tcpAddress(), query("web", DnsRecord.TYPE_A))));
    }

    @Test
    void answers_several_queries_on_one_tcp_connection() throws Exception {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(dns.tcpAddress(), 5000);
            socket.setSoTimeout(5000);
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            for (int id = 1; id <= 3; id++) {
                DnsMessage q = DnsMessage.query(id, DnsName.of("web"), DnsRecord.TYPE_A);
                socket.getOutputStream().write(EmbeddedDns.framed(q.encode()));
                byte[] reply = new byte[in.readUnsignedShort()];
                in.readFully(reply);
                assertEquals(id, DnsMessage.parse(reply).id());
            }
        }
    }

    @Test
    void close_releases_both_ports() throws Exception {
        EmbeddedDns closing = EmbeddedDns.startOnLoopback(containerNames(), List.of());
        InetSocketAddress udp = closing.udpAddress();
        InetSocketAddress tcp = closing.tcpAddress();
        closing.close();
        assertThrows(ConnectException.class, () -> DnsTestClient.tcp(tcp, query("web", DnsRecord.TYPE_A)));
        try (DatagramSocket rebound = new DatagramSocket(udp)) {
            assertEquals(udp.getPort(), rebound.getLocalPort());
        }
    }

    private static Resolver containerNames() {
        Map<String, List<InetAddress>> names = Map.of(
                "web", List.of(address("10.0.0.2"), address("fd00::2")),
                "v4only", List.of(address("10.0.0.3")));
        return name -> Optional.ofNullable(names.get(name));
    }

    private static DnsMessage query(String name, int type) {
        return DnsMessage.query((int) (Math.random() * 0xFFFF), DnsName.of(name), type);
    }

    private static InetSocketAddress deadPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }
    }

    private static DatagramChannel udpOnLoopback() throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static ServerSocketChannel tcpOnLoopback() throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static List<InetAddress> manyAddresses() {
        List<InetAddress> many = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            many.add(address("10.0.1." + i));
        }
        return List.copyOf(many);
    }

    private <T extends AutoCloseable> T open(T closeable) {
        toClose.add(closeable);
        return closeable;
    }
}
