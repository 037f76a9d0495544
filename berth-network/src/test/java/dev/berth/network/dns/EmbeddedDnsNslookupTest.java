package dev.berth.network.dns;

import static dev.berth.network.dns.QueryAnswererTest.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import dev.berth.linux.CommandResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** busybox's nslookup, the resolver in a busybox container, against the server on loopback. */
@Tag("integration")
class EmbeddedDnsNslookupTest {
    private EmbeddedDns upstream;
    private EmbeddedDns dns;

    @BeforeEach
    void start() throws Exception {
        Map<String, List<InetAddress>> outside = Map.of("example.org", List.of(address("192.0.2.7")));
        upstream = EmbeddedDns.startOnLoopback(name -> Optional.ofNullable(outside.get(name)), List.of());
        Map<String, List<InetAddress>> names = Map.of("web", List.of(address("10.0.0.2"), address("fd00::2")));
        dns = EmbeddedDns.startOnLoopback(name -> Optional.ofNullable(names.get(name)), List.of(upstream.udpAddress()));
    }

    @AfterEach
    void stop() {
        dns.close();
        upstream.close();
    }

    @Test
    void nslookup_gets_both_families_of_a_container_name() throws Exception {
        CommandResult result = nslookup(dns.udpAddress(), "web");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("Address: 10.0.0.2"), result.stdout());
        assertTrue(result.stdout().contains("Address: fd00::2"), result.stdout());
    }

    @Test
    void nslookup_gets_forwarded_names() throws Exception {
        CommandResult result = nslookup(dns.udpAddress(), "example.org");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("Address: 192.0.2.7"), result.stdout());
    }

    @Test
    void nslookup_reports_nxdomain() throws Exception {
        CommandResult result = nslookup(dns.udpAddress(), "nowhere.invalid");
        assertTrue(result.stdout().contains("NXDOMAIN"), result.stdout() + result.stderr());
    }

    @Test
    void nslookup_reports_servfail_when_upstream_is_gone() throws Exception {
        upstream.close();
        CommandResult result = nslookup(dns.udpAddress(), "example.org");
        assertTrue(result.stdout().contains("SERVFAIL"), result.stdout() + result.stderr());
    }

    private static CommandResult nslookup(InetSocketAddress server, String name) throws Exception {
        return Command.of("busybox", "nslookup", "-port=" + server.getPort(), name, server.getAddress().getHostAddress())
                .timeout(Duration.ofSeconds(20)).run();
    }
}
