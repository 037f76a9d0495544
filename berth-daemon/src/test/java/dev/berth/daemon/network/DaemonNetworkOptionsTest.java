package dev.berth.daemon.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default bridge under berthd's restrictive options: {@code --icc=false} (only legacy links cross),
 * {@code --ip-masq=false}, {@code --default-gateway}; and {@code --iptables=false}, which leaves the
 * firewall alone.
 */
@Tag("integration")
class DaemonNetworkOptionsTest {
    private static NetworkDaemon d;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        d = NetworkDaemon.start(tmp, "--icc=false", "--ip-masq=false", "--default-gateway", NetworkDaemon.SUBNET + ".254");
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            d.close();
        }
    }

    @Test
    void icc_false_drops_traffic_between_containers_but_a_link_reaches_the_exposed_port() throws Exception {
        d.runDetached("--name", "web", "web");
        d.runDetached("--name", "stranger", "busybox", "sleep", "600");
        d.awaitWeb("web");
        String webIp = d.inspect("web", "{{.NetworkSettings.IPAddress}}");
        d.exec("stranger", "ping -c 1 -W 2 " + d.gateway());
        assertFalse(d.tryExec("stranger", "ping -c 1 -W 1 " + webIp).succeeded(), "unlinked ping is dropped");
        assertFalse(d.tryExec("stranger", "timeout 3 wget -q -O - http://" + webIp + "/").succeeded(),
                "unlinked http is dropped");
        assertTrue(HostNetwork.nftTable(d.table()).contains("iifname \"" + d.bridge() + "\" oifname \"" + d.bridge()
                + "\" drop"), HostNetwork.nftTable(d.table()));

        String out = d.docker("run", "--rm", "--name", "friend", "--link", "web:w", "busybox", "sh", "-c",
                "timeout 5 wget -q -O - http://w/; echo ---; ping -c 1 -W 1 w >/dev/null && echo pinged || echo no-ping")
                .check().stdout();
        String[] parts = out.split("---\n");
        assertEquals(NetworkDaemon.PAGE, parts[0].strip(), out);
        assertEquals("no-ping", parts[1].strip(), "the link opens the exposed port only");
        assertFalse(HostNetwork.nftTable(d.table()).contains("ip daddr " + webIp + " tcp dport 80 accept"),
                "the link's rule goes with the linking container: " + HostNetwork.nftTable(d.table()));
        d.docker("rm", "-f", "web", "stranger").check();
    }

    @Test
    void ip_masq_false_leaves_the_bridge_without_masquerade() {
        String table = HostNetwork.nftTable(d.table());
        assertTrue(table.contains("chain postrouting"), table);
        assertFalse(table.contains("oifname != \"" + d.bridge() + "\""), "no masquerade of traffic leaving the bridge: "
                + table);
    }

    @Test
    void default_gateway_is_the_route_containers_get() {
        String gw = d.subnet() + ".254";
        String out = d.docker("run", "--rm", "busybox", "ip", "route").check().stdout();
        assertTrue(out.contains("default via " + gw + " dev eth0"), out);
        d.runDetached("--name", "gw", "busybox", "sleep", "600");
        assertEquals(gw, d.inspect("gw", "{{.NetworkSettings.Gateway}}"));
        d.docker("rm", "-f", "gw").check();
    }

    @Test
    void iptables_false_makes_no_firewall_table() throws IOException {
        try (NetworkDaemon plain = NetworkDaemon.start(tmp, "--iptables=false")) {
            plain.runDetached("--name", "plain", "-p", "80", "web");
            assertTrue(plain.inspect("plain", "{{.NetworkSettings.IPAddress}}").startsWith(plain.subnet() + "."));
            plain.exec("plain", "ping -c 1 -W 2 " + plain.gateway());
            assertFalse(HostNetwork.nftTableExists(plain.table()), HostNetwork.run("nft", "list", "tables").stdout());
        }
    }
}
