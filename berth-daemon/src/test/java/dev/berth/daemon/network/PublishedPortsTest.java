package dev.berth.daemon.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published ports on the default bridge: {@code -p HOST:80}, {@code -p IP:HOST:80}, {@code -p 80},
 * {@code -P}, host port ranges and UDP, as {@code docker port} reports them and as clients on the host
 * reach them (on loopback and on the host's external address); a port in use; rules that go with the
 * container.
 */
@Tag("integration")
class PublishedPortsTest {
    private static NetworkDaemon d;
    private static String external;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        d = NetworkDaemon.start(tmp);
        external = HostNetwork.externalAddress();
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            d.close();
        }
    }

    @Test
    void a_fixed_host_port_is_reachable_on_loopback_and_the_external_address_until_the_container_stops()
            throws Exception {
        int port = freePort();
        d.runDetached("--name", "fixed", "-p", port + ":80", "web");
        d.awaitWeb("fixed");
        String ip = d.inspect("fixed", "{{.NetworkSettings.IPAddress}}");
        assertEquals(List.of("80/tcp -> 0.0.0.0:" + port), portLines("fixed"));
        assertEquals("0.0.0.0:" + port, d.docker("port", "fixed", "80").check().stdout().lines().findFirst().orElseThrow());
        assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", port).strip());
        assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet(external, port).strip());
        String inspectPorts = d.inspect("fixed", "{{json .NetworkSettings.Ports}}");
        assertTrue(inspectPorts.contains("\"HostPort\":\"" + port + "\""), inspectPorts);
        String rule = "dnat ip to " + ip + ":80";
        assertTrue(HostNetwork.nftTable(d.table()).contains(rule), HostNetwork.nftTable(d.table()));

        d.docker("stop", "-t", "1", "fixed").check();
        assertFalse(HostNetwork.nftTable(d.table()).contains(rule), HostNetwork.nftTable(d.table()));
        assertFalse(HostNetwork.nftTable(d.table()).contains("dport " + port), HostNetwork.nftTable(d.table()));
        assertThrows(IOException.class, () -> HostNetwork.httpGet("127.0.0.1", port));
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));   // the held port is free again
        }
        d.docker("rm", "fixed").check();
    }

    @Test
    void a_port_published_on_loopback_is_not_reachable_on_the_external_address() throws Exception {
        int port = freePort();
        d.runDetached("--name", "local", "-p", "127.0.0.1:" + port + ":80", "web");
        d.awaitWeb("local");
        assertEquals(List.of("80/tcp -> 127.0.0.1:" + port), portLines("local"));
        assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", port).strip());
        assertThrows(IOException.class, () -> HostNetwork.httpGet(external, port));
        d.docker("rm", "-f", "local").check();
    }

    @Test
    void a_container_port_alone_and_publish_all_get_ephemeral_host_ports() throws Exception {
        d.runDetached("--name", "random", "-p", "80", "web");
        d.runDetached("--name", "all", "-P", "web");
        d.awaitWeb("random");
        d.awaitWeb("all");
        for (String c : List.of("random", "all")) {
            List<String> lines = portLines(c);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.getFirst().startsWith("80/tcp -> 0.0.0.0:"), lines.toString());
            int port = Integer.parseInt(lines.getFirst().substring(lines.getFirst().lastIndexOf(':') + 1));
            assertTrue(port >= 32768 && port <= 60999, "ephemeral port " + port);
            assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", port).strip());
            assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet(external, port).strip());
        }
        String listed = d.docker("ps", "--filter", "name=all", "--format", "{{.Ports}}").check().stdout().strip();
        assertTrue(listed.matches("0\\.0\\.0\\.0:\\d+->80/tcp"), listed);
        d.docker("rm", "-f", "random", "all").check();
    }

    @Test
    void a_host_port_range_gives_each_container_a_free_port_of_the_range() throws Exception {
        int low = freeRange(3);
        String range = low + "-" + (low + 2);
        d.runDetached("--name", "range1", "-p", range + ":80", "web");
        d.runDetached("--name", "range2", "-p", range + ":80", "web");
        d.awaitWeb("range1");
        d.awaitWeb("range2");
        int p1 = hostPort("range1");
        int p2 = hostPort("range2");
        assertTrue(p1 >= low && p1 <= low + 2 && p2 >= low && p2 <= low + 2 && p1 != p2, p1 + " " + p2 + " in " + range);
        assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", p1).strip());
        assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", p2).strip());
        d.docker("rm", "-f", "range1", "range2").check();
    }

    @Test
    void a_udp_port_is_forwarded_to_the_container() throws Exception {
        int port = freePort();
        d.runDetached("--name", "udp", "-p", port + ":53/udp", "busybox", "sleep", "600");
        assertEquals(List.of("53/udp -> 0.0.0.0:" + port), portLines("udp"));
        assertEquals("0.0.0.0:" + port, d.docker("port", "udp", "53/udp").check().stdout().strip());
        // busybox nc has no UDP mode: a small echo server runs in the container's namespace instead.
        String pid = d.inspect("udp", "{{.State.Pid}}");
        Process echo = new ProcessBuilder("nsenter", "--net=/proc/" + pid + "/ns/net", "python3", "-c", """
                import socket
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(("0.0.0.0", 53))
                while True:
                    data, peer = s.recvfrom(1500)
                    s.sendto(b"echo:" + data, peer)
                """).redirectErrorStream(true).start();
        try {
            assertEquals("echo:ping", HostNetwork.udpExchange("127.0.0.1", port, "ping"));
            assertEquals("echo:pong", HostNetwork.udpExchange(external, port, "pong"));
        } finally {
            echo.destroyForcibly().waitFor();
        }
        d.docker("rm", "-f", "udp").check();
        assertFalse(HostNetwork.nftTable(d.table()).contains("udp dport " + port), HostNetwork.nftTable(d.table()));
    }

    @Test
    void a_host_port_in_use_fails_the_start_with_a_clear_error() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 0));
            int port = taken.getLocalPort();
            DockerCli.Result r = d.docker("run", "-d", "--name", "clash", "-p", port + ":80", "web");
            assertFalse(r.succeeded(), r.describe());
            assertTrue(r.stderr().contains(port + " failed: port is already allocated")
                    || r.stderr().contains("address already in use"), r.stderr());
            assertEquals("false created", d.inspect("clash", "{{.State.Running}} {{.State.Status}}"));
            assertFalse(HostNetwork.nftTable(d.table()).contains("dport " + port), HostNetwork.nftTable(d.table()));
            String ps = d.docker("ps", "-q", "--filter", "name=clash").check().stdout().strip();
            assertEquals("", ps);
            assertTrue(d.inspect("clash", "{{.State.Error}}").contains("already allocated"));

            DockerCli.Result removed = d.docker("run", "--rm", "--name", "clash-rm", "-p", port + ":80", "web");
            assertFalse(removed.succeeded(), removed.describe());
            NetworkDaemon.await(() -> !d.docker("inspect", "clash-rm").succeeded(), "--rm removes a container that failed to start");
        }
        d.docker("rm", "-f", "clash").check();
    }

    @Test
    void containers_reach_a_published_port_through_the_host_and_a_restart_keeps_it() throws Exception {
        int port = freePort();
        d.runDetached("--name", "hairpin", "-p", port + ":80", "web");
        d.runDetached("--name", "visitor", "busybox", "sleep", "600");
        d.awaitWeb("hairpin");
        for (String address : List.of(external, d.gateway())) {
            assertEquals(NetworkDaemon.PAGE, d.exec("visitor", "timeout 5 wget -q -O - http://" + address + ":" + port + "/")
                    .strip(), "another container through " + address);
        }
        assertEquals(NetworkDaemon.PAGE, d.exec("hairpin", "timeout 5 wget -q -O - http://" + external + ":" + port + "/")
                .strip(), "a container to its own published port");

        d.docker("restart", "-t", "1", "hairpin").check();
        d.awaitWeb("hairpin");
        assertEquals(List.of("80/tcp -> 0.0.0.0:" + port), portLines("hairpin"));
        assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", port).strip());
        String ip = d.inspect("hairpin", "{{.NetworkSettings.IPAddress}}");
        String table = HostNetwork.nftTable(d.table());
        assertEquals(1, table.lines().filter(l -> l.contains("dport " + port + " ")).count(), table);
        assertTrue(table.contains("dnat ip to " + ip + ":80"), table);
        d.docker("rm", "-f", "hairpin", "visitor").check();
    }

    private static List<String> portLines(String container) {
        return d.docker("port", container).check().stdout().lines().filter(l -> !l.contains("[::]")).toList();
    }

    private static int hostPort(String container) {
        String line = d.docker("port", container, "80/tcp").check().stdout().lines().findFirst().orElseThrow();
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The first of {@code n} consecutive ports that are free now, below the ephemeral range. */
    private static int freeRange(int n) throws IOException {
        for (int tries = 0; tries < 100; tries++) {
            int low = ThreadLocalRandom.current().nextInt(20000, 30000);
            boolean free = true;
            for (int p = low; p < low + n && free; p++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(p));
                } catch (IOException inUse) {
                    free = false;
                }
            }
            if (free) {
                return low;
            }
        }
        throw new IOException("no " + n + " free consecutive ports");
    }
}
