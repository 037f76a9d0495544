package dev.berth.daemon.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers on the default bridge of a berthd started with {@code -b BRIDGE --bip --fixed-cidr --mtu}:
 * addresses, routes and MACs as inspect reports them, reachability, the other network modes
 * ({@code none}, {@code host}, {@code container:}), a veth added by hand, DNS and hosts options, and
 * legacy links.
 */
@Tag("integration")
class DefaultBridgeTest {
    private static NetworkDaemon d;
    private static String firstIp;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        d = NetworkDaemon.start(tmp, "--mtu", "1400", "--fixed-cidr", NetworkDaemon.SUBNET + ".128/25");
        d.runDetached("--name", "first", "busybox", "sleep", "600");
        firstIp = d.inspect("first", "{{.NetworkSettings.IPAddress}}");
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            d.close();
        }
    }

    @Test
    void a_container_gets_address_gateway_and_mac_in_inspect_and_inside() {
        String settings = d.inspect("first", "{{.NetworkSettings.IPAddress}} {{.NetworkSettings.IPPrefixLen}} "
                + "{{.NetworkSettings.Gateway}} {{.NetworkSettings.MacAddress}}");
        String[] f = settings.split(" ");
        assertEquals(List.of("24", d.gateway()), List.of(f[1], f[2]), settings);
        assertInFixedCidr(f[0]);
        String mac = f[3];
        assertTrue(mac.matches("02:42(:[0-9a-f]{2}){4}"), mac);
        String bridgeEntry = d.inspect("first", "{{.NetworkSettings.Networks.bridge.IPAddress}} "
                + "{{.NetworkSettings.Networks.bridge.IPPrefixLen}} {{.NetworkSettings.Networks.bridge.Gateway}} "
                + "{{.NetworkSettings.Networks.bridge.MacAddress}}");
        assertEquals(String.join(" ", f), bridgeEntry);

        String addr = d.exec("first", "ip -o -4 addr show dev eth0");
        assertTrue(addr.contains("inet " + f[0] + "/24"), addr);
        assertEquals(mac, d.exec("first", "cat /sys/class/net/eth0/address").strip());
        assertEquals("1400", d.exec("first", "cat /sys/class/net/eth0/mtu").strip(), "--mtu applies to eth0");
        String route = d.exec("first", "ip route");
        assertTrue(route.contains("default via " + d.gateway() + " dev eth0"), route);
        assertEquals(Set.of("lo", "eth0"), links("first"));
        String table = HostNetwork.nftTable(d.table());
        assertTrue(table.contains("oifname != \"" + d.bridge() + "\" ip saddr " + d.subnet() + ".0/24 masquerade"), table);
    }

    @Test
    void the_bridge_network_shows_bip_fixed_cidr_and_its_containers() {
        String bridgeAddr = HostNetwork.run("ip", "-o", "-4", "addr", "show", "dev", d.bridge()).check().stdout();
        assertTrue(bridgeAddr.contains("inet " + d.gateway() + "/24"), "--bip is on the bridge: " + bridgeAddr);
        assertEquals("[{\"Subnet\":\"" + d.subnet() + ".0/24\",\"IPRange\":\"" + d.subnet() + ".128/25\",\"Gateway\":\""
                + d.gateway() + "\"}]", d.docker("network", "inspect", "-f", "{{json .IPAM.Config}}", "bridge").check()
                .stdout().strip());
        assertEquals(d.bridge() + " 1400", d.docker("network", "inspect", "-f",
                "{{index .Options \"com.docker.network.bridge.name\"}} {{index .Options \"com.docker.network.driver.mtu\"}}",
                "bridge").check().stdout().strip());
        String members = d.docker("network", "inspect", "-f", "{{range $id, $c := .Containers}}{{$c.Name}}={{$c.IPv4Address}} "
                + "{{end}}", "bridge").check().stdout();
        assertTrue(List.of(members.split("\\s+")).contains("first=" + firstIp + "/24"), members);
    }

    @Test
    void mac_address_is_the_one_asked_for() {
        String out = d.docker("run", "--rm", "--mac-address", "02:42:ac:11:fe:ed", "busybox", "cat",
                "/sys/class/net/eth0/address").check().stdout().strip();
        assertEquals("02:42:ac:11:fe:ed", out);
    }

    @Test
    void a_container_pings_its_gateway_and_another_container() {
        d.exec("first", "ping -c 1 -W 2 " + d.gateway());
        d.runDetached("--name", "second", "busybox", "sleep", "600");
        String secondIp = d.inspect("second", "{{.NetworkSettings.IPAddress}}");
        assertInFixedCidr(secondIp);
        assertFalse(secondIp.equals(firstIp));
        d.exec("second", "ping -c 1 -W 2 " + firstIp);
        d.exec("first", "ping -c 1 -W 2 " + secondIp);
        d.docker("rm", "-f", "second").check();
    }

    @Test
    void the_host_end_of_each_veth_is_on_the_bridge_and_goes_with_the_container() {
        Set<String> before = hostVeths();
        assertFalse(before.isEmpty(), "the first container's veth is on " + d.bridge());
        before.forEach(v -> assertTrue(v.matches("veth[0-9a-f]{7}"), v));
        d.runDetached("--name", "third", "busybox", "sleep", "600");
        Set<String> with = hostVeths();
        assertEquals(before.size() + 1, with.size(), with.toString());
        d.docker("rm", "-f", "third").check();
        assertEquals(before, hostVeths());
    }

    @Test
    void net_none_has_only_loopback() {
        String out = d.docker("run", "--rm", "--net=none", "busybox", "ip", "-o", "link").check().stdout();
        assertEquals(Set.of("lo"), names(out), out);
        assertEquals("", d.docker("run", "--rm", "--net=none", "busybox", "ip", "-o", "-4", "addr", "show", "scope",
                "global").check().stdout().strip());
    }

    @Test
    void net_host_sees_the_host_interfaces() {
        String host = HostNetwork.run("ip", "-o", "link").check().stdout();
        String inside = d.docker("run", "--rm", "--net=host", "busybox", "ip", "-o", "link").check().stdout();
        Set<String> insideNames = names(inside);
        assertTrue(insideNames.contains(d.bridge()), inside);
        assertTrue(names(host).containsAll(Set.of("lo", d.bridge())));
        assertTrue(insideNames.contains(HostNetwork.run("sh", "-c", "ip -o route show default | awk '{print $5}'")
                .check().stdout().strip()), inside);
    }

    @Test
    void net_container_shares_the_other_containers_address() {
        String out = d.docker("run", "--rm", "--net", "container:first", "busybox", "ip", "-o", "-4", "addr", "show",
                "dev", "eth0").check().stdout();
        assertTrue(out.contains("inet " + firstIp + "/24"), out);
        DockerCli.Result published = d.docker("run", "--rm", "--net", "container:first", "-p", "80", "busybox", "true");
        assertFalse(published.succeeded());
        assertTrue(published.stderr().contains("conflicting options: port publishing and the container type network mode"),
                published.stderr());
    }

    @Test
    void a_veth_moved_by_hand_into_a_none_container_works_like_pipework() {
        d.runDetached("--name", "piped", "--net=none", "busybox", "sleep", "600");
        String pid = d.inspect("piped", "{{.State.Pid}}");
        String hex = HostNetwork.hex(6);
        String hostEnd = "pw" + hex;
        String inner = "pc" + hex;
        String net = HostNetwork.freeSubnet24();
        HostNetwork.run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", inner).check();
        try {
            HostNetwork.run("ip", "link", "set", inner, "netns", pid).check();
            HostNetwork.run("ip", "addr", "add", net + ".1/24", "dev", hostEnd).check();
            HostNetwork.run("ip", "link", "set", hostEnd, "up").check();
            HostNetwork.run("nsenter", "--net=/proc/" + pid + "/ns/net", "ip", "addr", "add", net + ".2/24", "dev", inner)
                    .check();
            HostNetwork.run("nsenter", "--net=/proc/" + pid + "/ns/net", "ip", "link", "set", inner, "up").check();
            assertEquals("none", d.inspect("piped", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}"));
            assertEquals(Set.of("lo", inner), links("piped"));
            d.exec("piped", "ping -c 1 -W 2 " + net + ".1");
            HostNetwork.run("busybox", "ping", "-c", "1", "-W", "2", net + ".2").check();
        } finally {
            HostNetwork.run("ip", "link", "del", hostEnd);
            d.docker("rm", "-f", "piped");
        }
    }

    @Test
    void dns_options_extra_hosts_and_own_hostname_reach_the_files() {
        String out = d.docker("run", "--rm", "--hostname", "myhost", "--dns", "1.2.3.4", "--dns-search", "example.test",
                "--dns-option", "ndots:3", "--add-host", "h:1.2.3.5", "busybox", "sh", "-c",
                "cat /etc/resolv.conf; echo ---; cat /etc/hosts; echo ---; hostname").check().stdout();
        String[] parts = out.split("---\n");
        List<String> resolv = parts[0].lines().toList();
        assertTrue(resolv.contains("nameserver 1.2.3.4"), parts[0]);
        assertFalse(parts[0].contains("127.0.0.11"), "no embedded DNS on the default bridge: " + parts[0]);
        assertTrue(resolv.contains("search example.test"), parts[0]);
        assertTrue(resolv.contains("options ndots:3"), parts[0]);
        List<String> hosts = parts[1].lines().map(l -> l.replaceAll("\\s+", " ")).toList();
        assertTrue(hosts.contains("1.2.3.5 h"), parts[1]);
        assertTrue(hosts.stream().anyMatch(l -> l.matches(d.subnet().replace(".", "\\.") + "\\.\\d+ myhost")), parts[1]);
        assertTrue(hosts.contains("127.0.0.1 localhost"), parts[1]);
        assertEquals("myhost", parts[2].strip());
    }

    @Test
    void a_link_gives_the_alias_in_hosts_docker_variables_and_the_exposed_port() throws InterruptedException {
        d.runDetached("--name", "web", "web");
        d.awaitWeb("web");
        String webIp = d.inspect("web", "{{.NetworkSettings.IPAddress}}");
        String out = d.docker("run", "--rm", "--name", "client", "--link", "web:w", "busybox", "sh", "-c",
                "cat /etc/hosts; echo ---; env | sort; echo ---; timeout 5 wget -q -O - http://w/").check().stdout();
        String[] parts = out.split("---\n");
        assertTrue(parts[0].lines().anyMatch(l -> l.startsWith(webIp + "\t") && List.of(l.split("\\s+")).contains("w")
                && l.contains("web")), parts[0]);
        List<String> env = parts[1].lines().toList();
        assertTrue(env.containsAll(List.of("W_PORT_80_TCP_ADDR=" + webIp, "W_PORT_80_TCP_PORT=80",
                "W_PORT_80_TCP_PROTO=tcp", "W_PORT_80_TCP=tcp://" + webIp + ":80", "W_PORT=tcp://" + webIp + ":80",
                "W_NAME=/client/w")), parts[1]);
        assertEquals(NetworkDaemon.PAGE, parts[2].strip());
        d.docker("rm", "-f", "web").check();
    }

    private static void assertInFixedCidr(String ip) {
        assertTrue(ip.startsWith(d.subnet() + "."), ip);
        int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
        assertTrue(last >= 128 && last < 255, ip + " is outside --fixed-cidr " + d.subnet() + ".128/25");
    }

    private static Set<String> links(String container) {
        return names(d.exec(container, "ip -o link"));
    }

    /** Interface names from {@code ip -o link} output ({@code 2: eth0@if7: <…>}). */
    private static Set<String> names(String ipLink) {
        return ipLink.lines().map(l -> l.split(":\\s*")[1].split("@")[0]).collect(Collectors.toSet());
    }

    private static Set<String> hostVeths() {
        return names(HostNetwork.run("ip", "-o", "link", "show", "master", d.bridge()).check().stdout());
    }
}
