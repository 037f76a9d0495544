package dev.berth.network.dns;

import static dev.berth.network.dns.QueryAnswererTest.address;
import static dev.berth.network.dns.QueryAnswererTest.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import dev.berth.linux.CommandResult;
import dev.berth.linux.NetNamespaces;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as berthd runs it: listening on 127.0.0.11:53 inside a network namespace of its own, and
 * forwarding to a resolver on the host's loopback, which only the host's namespace can reach.
 */
@Tag("integration")
class EmbeddedDnsInNamespaceTest {
    private static final InetSocketAddress DNS_ADDRESS = new InetSocketAddress("127.0.0.11", 53);

    @TempDir
    Path tmp;
    private Path netns;
    private EmbeddedDns hostResolver;
    private EmbeddedDns dns;

    @BeforeEach
    void start() throws Exception {
        netns = tmp.resolve("netns");
        NetNamespaces.create(netns);
        inside("ip", "link", "set", "lo", "up").check();
        Map<String, List<InetAddress>> outside = Map.of("example.org", List.of(address("192.0.2.7")));
        hostResolver = EmbeddedDns.startOnLoopback(name -> Optional.ofNullable(outside.get(name)), List.of());

        DatagramChannel udp = NetNamespaces.callIn(netns, () -> DatagramChannel.open().bind(DNS_ADDRESS));
        ServerSocketChannel tcp = NetNamespaces.callIn(netns, () -> ServerSocketChannel.open().bind(DNS_ADDRESS));
        Map<String, List<InetAddress>> names = Map.of("web", List.of(address("10.0.0.2")));
        dns = EmbeddedDns.start(udp, tcp, name -> Optional.ofNullable(names.get(name)),
                List.of(hostResolver.udpAddress()));
    }

    @AfterEach
    void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (hostResolver != null) {
            hostResolver.close();
        }
        NetNamespaces.delete(netns);
    }

    @Test
    void answers_inside_the_namespace_and_forwards_from_the_host() throws Exception {
        CommandResult own = inside("busybox", "nslookup", "web", "127.0.0.11");
        assertTrue(own.stdout().contains("Address: 10.0.0.2"), own.stdout() + own.stderr());
        CommandResult forwarded = inside("busybox", "nslookup", "example.org", "127.0.0.11");
        assertTrue(forwarded.stdout().contains("Address: 192.0.2.7"), forwarded.stdout() + forwarded.stderr());
        // The upstream itself is out of the namespace's reach: only forwarding from the host gets there.
        CommandResult direct = inside("busybox", "nslookup", "-timeout=1", "-retry=1",
                "-port=" + hostResolver.udpAddress().getPort(), "example.org", "127.0.0.1");
        assertTrue(!direct.stdout().contains("192.0.2.7"), direct.stdout());
    }

    @Test
    void answers_over_tcp_inside_the_namespace() throws Exception {
        for (String name : List.of("web", "example.org")) {
            DnsMessage query = DnsMessage.query(0x4242, DnsName.of(name), DnsRecord.TYPE_A);
            String script = """
                    import socket, struct, sys
                    q = bytes.fromhex(sys.argv[1])
                    s = socket.create_connection(('127.0.0.11', 53), timeout=10)
                    s.sendall(struct.pack('!H', len(q)) + q)
                    f = s.makefile('rb')
                    n = struct.unpack('!H', f.read(2))[0]
                    print(f.read(n).hex())
                    """;
            CommandResult result = inside("python3", "-c", script, HexFormat.of().formatHex(query.encode())).check();
            DnsMessage reply = DnsMessage.parse(HexFormat.of().parseHex(result.stdout().strip()));
            assertEquals(0x4242, reply.id());
            assertEquals(List.of(address(name.equals("web") ? "10.0.0.2" : "192.0.2.7")), addresses(reply));
        }
    }

    private CommandResult inside(String... argv) throws Exception {
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + netns));
        command.addAll(List.of(argv));
        return Command.of(command).timeout(Duration.ofSeconds(20)).run();
    }
}
