package dev.berth.daemon.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A berthd killed with SIGKILL while a container with a published port runs on a user network: the
 * port keeps working while berthd is down; after the restart the container keeps its address, port and
 * names, new containers get other addresses, and a clean stop leaves no table, sandbox or bridge behind.
 */
@Tag("integration")
class NetworkRestartTest {
    @TempDir
    static Path tmp;

    @Test
    void a_crash_keeps_addresses_ports_and_names_and_a_clean_stop_leaves_nothing() throws Exception {
        try (NetworkDaemon d = NetworkDaemon.start(tmp, "--dns", "127.0.0.1")) {
            String net = HostNetwork.freeSubnet24();
            String netId = d.docker("network", "create", "--subnet", net + ".0/24", "keep").check().stdout().strip();
            String userBridge = "br-" + netId.substring(0, 12);
            int port = freePort();
            d.runDetached("--name", "keepweb", "--network", "keep", "-p", port + ":80", "web");
            d.runDetached("--name", "keepclient", "--network", "keep", "busybox", "sleep", "600");
            d.awaitWeb("keepweb");
            String ip = d.inspect("keepweb", "{{.NetworkSettings.Networks.keep.IPAddress}}");
            String pid = d.inspect("keepweb", "{{.State.Pid}}");
            assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", port).strip());

            int doomedPort = freePort();
            d.runDetached("--name", "doomed", "--network", "keep", "-p", doomedPort + ":80", "web");
            String doomedIp = d.inspect("doomed", "{{.NetworkSettings.Networks.keep.IPAddress}}");
            ProcessHandle doomed = ProcessHandle.of(Long.parseLong(d.inspect("doomed", "{{.State.Pid}}"))).orElseThrow();

            d.berthd().kill();
            assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", port).strip(),
                    "the forwarding outlives berthd");
            doomed.destroyForcibly();
            doomed.onExit().get(10, TimeUnit.SECONDS);
            d.berthd().restart();

            // The container that died while berthd was down gives back its port, rule, veth and address.
            assertEquals("exited", d.inspect("doomed", "{{.State.Status}}"));
            String table = HostNetwork.nftTable(d.table());
            assertFalse(table.contains("dnat ip to " + doomedIp + ":80") || table.contains("dport " + doomedPort + " "), table);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(doomedPort));
            }
            assertEquals(2, HostNetwork.run("ip", "-o", "link", "show", "master", userBridge).check().stdout().lines()
                    .count(), "only keepweb's and keepclient's veths are left");

            assertEquals("true " + pid + " " + ip, d.inspect("keepweb",
                    "{{.State.Running}} {{.State.Pid}} {{.NetworkSettings.Networks.keep.IPAddress}}"));
            assertEquals(List.of("80/tcp -> 0.0.0.0:" + port), d.docker("port", "keepweb").check().stdout().lines()
                    .filter(l -> !l.contains("[::]")).toList());
            assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", port).strip());
            assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet(HostNetwork.externalAddress(), port).strip());
            assertThrows(IOException.class, () -> {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(port));
                }
            }, "berthd holds the published port again");
            assertTrue(d.exec("keepclient", "nslookup keepweb").contains("Address: " + ip), "DNS answers after the restart");
            assertTrue(d.exec("keepweb", "nslookup keepclient").contains("Address: " + net + "."));

            d.docker("restart", "-t", "1", "keepclient").check();
            assertTrue(d.exec("keepclient", "nslookup keepweb").contains("Address: " + ip), "DNS after docker restart");

            d.runDetached("--name", "newcomer", "--network", "keep", "busybox", "sleep", "600");
            String newIp = d.inspect("newcomer", "{{.NetworkSettings.Networks.keep.IPAddress}}");
            String clientIp = d.inspect("keepclient", "{{.NetworkSettings.Networks.keep.IPAddress}}");
            assertFalse(newIp.equals(ip) || newIp.equals(clientIp), newIp + " is taken by " + ip + " or " + clientIp);
            d.docker("start", "doomed").check();
            d.awaitWeb("doomed");
            assertEquals(NetworkDaemon.PAGE, HostNetwork.httpGet("127.0.0.1", doomedPort).strip());
            d.exec("newcomer", "ping -c 1 -W 2 " + ip + " && ping -c 1 -W 2 keepweb");
            String containers = d.docker("network", "inspect", "-f",
                    "{{range $id, $c := .Containers}}{{$c.Name}} {{end}}", "keep").check().stdout();
            assertTrue(List.of(containers.split("\\s+")).containsAll(List.of("keepweb", "keepclient", "newcomer")),
                    containers);

            d.docker("stop", "-t", "1", "keepweb").check();
            assertFalse(HostNetwork.nftTable(d.table()).contains("dnat ip to " + ip + ":80"),
                    "a restored container's rules go when it stops: " + HostNetwork.nftTable(d.table()));
            d.docker("rm", "-f", "keepweb", "keepclient", "newcomer", "doomed").check();
            d.docker("network", "rm", "keep").check();
            assertEquals(0, d.berthd().stop());
            assertFalse(HostNetwork.nftTableExists(d.table()), HostNetwork.run("nft", "list", "tables").stdout());
            assertFalse(HostNetwork.run("ip", "link", "show", userBridge).exitCode() == 0, userBridge + " is gone");
            Path sandboxes = d.berthd().execRoot().resolve("netns");
            if (Files.isDirectory(sandboxes)) {
                try (Stream<Path> left = Files.list(sandboxes)) {
                    assertEquals(List.of(), left.toList());
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
