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
 * User-defined bridge networks through {@code docker network …}: IPAM options, labels and bridge name;
 * list filters; inspect; rm and prune; connect and disconnect of a running container; static addresses
 * and aliases; isolation between networks, {@code --internal} and {@code enable_icc=false}; and the
 * embedded DNS that answers names, aliases and short ids on them.
 */
@Tag("integration")
class UserNetworksTest {
    private static NetworkDaemon d;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        // Names the embedded DNS does not know go upstream: to the host's loopback, where nothing answers.
        d = NetworkDaemon.start(tmp, "--dns", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            d.close();
        }
    }

    @Test
    void create_applies_subnet_gateway_ip_range_aux_address_labels_and_bridge_name() {
        String net = HostNetwork.freeSubnet24();
        String br = "bu" + HostNetwork.hex(6);
        String id = d.docker("network", "create", "--subnet", net + ".0/24", "--gateway", net + ".254", "--ip-range",
                net + ".128/25", "--aux-address", "reserved=" + net + ".128", "--label", "env=nettest", "-o",
                "com.docker.network.bridge.name=" + br, "ipamnet").check().stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals("[{\"Subnet\":\"" + net + ".0/24\",\"IPRange\":\"" + net + ".128/25\",\"Gateway\":\"" + net
                        + ".254\",\"AuxiliaryAddresses\":{\"reserved\":\"" + net + ".128\"}}]",
                networkInspect("ipamnet", "{{json .IPAM.Config}}"));
        assertEquals("bridge local nettest " + br + " false false", networkInspect("ipamnet", "{{.Driver}} {{.Scope}} "
                + "{{index .Labels \"env\"}} {{index .Options \"com.docker.network.bridge.name\"}} {{.Internal}} "
                + "{{.EnableIPv6}}"));
        String bridgeAddr = HostNetwork.run("ip", "-o", "-4", "addr", "show", "dev", br).check().stdout();
        assertTrue(bridgeAddr.contains("inet " + net + ".254/24"), bridgeAddr);

        d.runDetached("--name", "onipam", "--network", "ipamnet", "busybox", "sleep", "600");
        String ip = d.inspect("onipam", "{{.NetworkSettings.Networks.ipamnet.IPAddress}}");
        int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
        assertTrue(ip.startsWith(net + ".") && last > 128 && last < 254, ip + " is in the ip-range, not the aux address");
        assertEquals(net + ".254", d.inspect("onipam", "{{.NetworkSettings.Networks.ipamnet.Gateway}}"));
        assertTrue(d.exec("onipam", "ip route").contains("default via " + net + ".254 dev eth0"));
        assertEquals("onipam " + ip + "/24", networkInspect("ipamnet",
                "{{range $id, $c := .Containers}}{{$c.Name}} {{$c.IPv4Address}}{{end}}"));
        assertEquals(Set.of(d.inspect("onipam", "{{.Id}}")), Set.of(networkInspect("ipamnet",
                "{{range $id, $c := .Containers}}{{$id}}{{end}}")));

        DockerCli.Result refused = d.docker("network", "rm", "ipamnet");
        assertFalse(refused.succeeded());
        assertTrue(refused.stderr().contains("has active endpoints"), refused.stderr());
        d.docker("rm", "-f", "onipam").check();
        d.docker("network", "rm", "ipamnet").check();
        assertFalse(HostNetwork.run("ip", "link", "show", br).exitCode() == 0, br + " is deleted with its network");
    }

    @Test
    void ls_filters_by_label_name_driver_and_type_and_formats() {
        String idA = d.docker("network", "create", "--subnet", HostNetwork.freeSubnet24() + ".0/24", "--label",
                "nettest-ls=1", "lsa").check().stdout().strip();
        d.docker("network", "create", "--subnet", HostNetwork.freeSubnet24() + ".0/24", "lsb").check();
        assertEquals(idA.substring(0, 12), ls("--filter", "label=nettest-ls=1", "-q"));
        assertEquals(idA, ls("--filter", "label=nettest-ls", "-q", "--no-trunc"));
        assertEquals("lsb bridge local", ls("--filter", "name=lsb", "--format", "{{.Name}} {{.Driver}} {{.Scope}}"));
        assertEquals(Set.of("bridge", "host", "none"), Set.of(ls("--filter", "type=builtin", "--format", "{{.Name}}")
                .split("\n")));
        Set<String> custom = Set.of(ls("--filter", "type=custom", "--format", "{{.Name}}").split("\n"));
        assertTrue(custom.containsAll(Set.of("lsa", "lsb")) && !custom.contains("bridge"), custom.toString());
        assertEquals("none", ls("--filter", "driver=null", "--format", "{{.Name}}"));
        assertEquals(idA.substring(0, 12), ls("--filter", "id=" + idA.substring(0, 8), "-q"));
        String table = d.docker("network", "ls").check().stdout();
        assertTrue(table.startsWith("NETWORK ID"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith(idA.substring(0, 12)) && l.contains("lsa")), table);
        d.docker("network", "rm", "lsa", "lsb").check();
    }

    @Test
    void prune_removes_only_networks_without_containers() {
        d.docker("network", "create", "--subnet", HostNetwork.freeSubnet24() + ".0/24", "--label", "nettest-prune=1",
                "prune-used").check();
        d.docker("network", "create", "--subnet", HostNetwork.freeSubnet24() + ".0/24", "--label", "nettest-prune=1",
                "prune-unused").check();
        d.runDetached("--name", "pruneuser", "--network", "prune-used", "busybox", "sleep", "600");
        String out = d.docker("network", "prune", "-f", "--filter", "label=nettest-prune=1").check().stdout();
        assertTrue(out.lines().anyMatch("prune-unused"::equals), out);
        assertFalse(out.contains("prune-used"), out);
        assertEquals("prune-used", ls("--filter", "label=nettest-prune", "--format", "{{.Name}}"));
        d.docker("rm", "-f", "pruneuser").check();
        d.docker("network", "rm", "prune-used").check();
    }

    @Test
    void a_link_on_a_user_network_is_a_name_only_the_linking_container_resolves() {
        String net = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", net + ".0/24", "linknet").check();
        d.runDetached("--name", "linktarget", "--network", "linknet", "busybox", "sleep", "600");
        String ip = d.inspect("linktarget", "{{.NetworkSettings.Networks.linknet.IPAddress}}");
        d.runDetached("--name", "linkrun", "--network", "linknet", "--link", "linktarget:db", "busybox", "sleep", "600");
        assertTrue(d.exec("linkrun", "nslookup db").contains(ip), "run --link");
        String other = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", other + ".0/24", "linknet2").check();
        d.runDetached("--name", "linklate", "--network", "linknet2", "busybox", "sleep", "600");
        d.docker("network", "connect", "--link", "linktarget:cache", "linknet", "linklate").check();
        assertTrue(d.exec("linklate", "nslookup cache").contains(ip), "connect --link on a running container");
        assertFalse(d.tryExec("linkrun", "nslookup cache").succeeded(), "another container's link alias");
        d.docker("rm", "-f", "linktarget", "linkrun", "linklate").check();
        d.docker("network", "rm", "linknet", "linknet2").check();
    }

    @Test
    void connect_and_disconnect_a_running_container_add_and_remove_an_interface() {
        String net = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", net + ".0/24", "conna").check();
        d.runDetached("--name", "roam", "busybox", "sleep", "600");
        d.runDetached("--name", "peer", "--network", "conna", "busybox", "sleep", "600");
        d.docker("network", "connect", "--ip", net + ".50", "--alias", "roamer", "conna", "roam").check();

        assertTrue(d.exec("roam", "ip -o -4 addr show dev eth1").contains("inet " + net + ".50/24"));
        assertEquals(Set.of("lo", "eth0", "eth1"), links("roam"));
        assertTrue(d.exec("roam", "ip route").contains("default via " + d.gateway() + " dev eth0"),
                "the first network keeps the default route");
        assertEquals(net + ".50", d.inspect("roam", "{{.NetworkSettings.Networks.conna.IPAddress}}"));
        assertTrue(d.inspect("roam", "{{json .NetworkSettings.Networks.conna.Aliases}}").contains("\"roamer\""));
        assertEquals("bridge conna", d.inspect("roam", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}")
                .strip());
        d.exec("peer", "ping -c 1 -W 2 " + net + ".50");
        assertTrue(d.exec("peer", "nslookup roamer").contains(net + ".50"));
        assertTrue(d.exec("peer", "nslookup roam").contains(net + ".50"));

        d.docker("network", "disconnect", "-f", "conna", "roam").check();
        assertEquals(Set.of("lo", "eth0"), links("roam"));
        assertEquals("bridge", d.inspect("roam", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}").strip());
        assertFalse(d.tryExec("peer", "nslookup roamer").succeeded(), "the alias goes with the endpoint");
        assertFalse(d.tryExec("peer", "ping -c 1 -W 1 " + net + ".50").succeeded());
        d.docker("rm", "-f", "roam", "peer").check();
        d.docker("network", "rm", "conna").check();
    }

    @Test
    void the_embedded_dns_answers_names_aliases_and_short_ids_and_nothing_else() {
        String net = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", net + ".0/24", "dnsnet").check();
        String id = d.runDetached("--name", "target", "--network", "dnsnet", "--ip", net + ".77", "--network-alias",
                "alias1", "--network-alias", "alias2", "busybox", "sleep", "600");
        d.runDetached("--name", "asker", "--network", "dnsnet", "busybox", "sleep", "600");
        assertEquals(net + ".77", d.inspect("target", "{{.NetworkSettings.Networks.dnsnet.IPAddress}}"));

        List<String> resolv = d.exec("asker", "cat /etc/resolv.conf").lines().toList();
        assertTrue(resolv.contains("nameserver 127.0.0.11"), resolv.toString());
        assertEquals(1, resolv.stream().filter(l -> l.startsWith("nameserver")).count(), resolv.toString());
        for (String name : List.of("target", "alias1", "alias2", id.substring(0, 12), "TARGET")) {
            String answer = d.exec("asker", "nslookup " + name);
            assertTrue(answer.contains("Address: " + net + ".77"), name + ": " + answer);
        }
        d.exec("asker", "ping -c 1 -W 2 alias1");
        assertTrue(d.exec("target", "nslookup asker").contains(net + "."));
        DockerCli.Result unknown = d.tryExec("asker", "timeout 10 nslookup no-such-container");
        assertFalse(unknown.succeeded(), unknown.describe());
        assertTrue(d.exec("target", "cat /etc/hosts").lines().anyMatch(l -> l.startsWith(net + ".77\t")),
                "own address in /etc/hosts");
        d.docker("rm", "-f", "target", "asker").check();
        d.docker("network", "rm", "dnsnet").check();
    }

    @Test
    void networks_are_isolated_from_each_other_but_a_container_on_both_reaches_both() {
        String n1 = HostNetwork.freeSubnet24();
        String n2 = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", n1 + ".0/24", "iso1").check();
        d.docker("network", "create", "--subnet", n2 + ".0/24", "iso2").check();
        d.runDetached("--name", "in1", "--network", "iso1", "busybox", "sleep", "600");
        d.runDetached("--name", "in2", "--network", "iso2", "busybox", "sleep", "600");
        d.runDetached("--name", "inboth", "--network", "iso1", "busybox", "sleep", "600");
        d.docker("network", "connect", "iso2", "inboth").check();
        String ip1 = d.inspect("in1", "{{.NetworkSettings.Networks.iso1.IPAddress}}");
        String ip2 = d.inspect("in2", "{{.NetworkSettings.Networks.iso2.IPAddress}}");

        d.exec("in1", "ping -c 1 -W 2 " + n1 + ".1");
        assertFalse(d.tryExec("in1", "ping -c 1 -W 1 " + ip2).succeeded(), "iso1 cannot reach iso2");
        assertFalse(d.tryExec("in2", "ping -c 1 -W 1 " + ip1).succeeded(), "iso2 cannot reach iso1");
        assertFalse(d.tryExec("in1", "nslookup in2").succeeded(), "names stay in their network");
        d.exec("inboth", "ping -c 1 -W 2 " + ip1 + " && ping -c 1 -W 2 " + ip2);
        assertTrue(d.exec("inboth", "nslookup in2").contains(ip2));
        assertTrue(d.exec("inboth", "nslookup in1").contains(ip1));
        d.docker("rm", "-f", "in1", "in2", "inboth").check();
        d.docker("network", "rm", "iso1", "iso2").check();
    }

    @Test
    void an_internal_network_has_no_default_route_and_no_way_out() {
        String net = HostNetwork.freeSubnet24();
        String other = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--internal", "--subnet", net + ".0/24", "sealed").check();
        d.docker("network", "create", "--subnet", other + ".0/24", "open").check();
        assertEquals("true", networkInspect("sealed", "{{.Internal}}"));
        d.runDetached("--name", "sealed1", "--network", "sealed", "busybox", "sleep", "600");
        d.runDetached("--name", "sealed2", "--network", "sealed", "busybox", "sleep", "600");
        d.runDetached("--name", "outside", "--network", "open", "busybox", "sleep", "600");
        String outsideIp = d.inspect("outside", "{{.NetworkSettings.Networks.open.IPAddress}}");

        String routes = d.exec("sealed1", "ip route");
        assertFalse(routes.contains("default"), routes);
        d.exec("sealed1", "ping -c 1 -W 2 " + d.inspect("sealed2", "{{.NetworkSettings.Networks.sealed.IPAddress}}"));
        // Even with a route added by hand, the firewall keeps the traffic on the bridge.
        String pid = d.inspect("sealed1", "{{.State.Pid}}");
        HostNetwork.run("nsenter", "--net=/proc/" + pid + "/ns/net", "ip", "route", "add", "default", "via", net + ".1")
                .check();
        assertFalse(d.tryExec("sealed1", "ping -c 1 -W 1 " + outsideIp).succeeded(), "internal cannot reach open");
        assertFalse(d.tryExec("outside", "ping -c 1 -W 1 " + net + ".2").succeeded(), "open cannot reach internal");
        d.docker("rm", "-f", "sealed1", "sealed2", "outside").check();
        d.docker("network", "rm", "sealed", "open").check();
    }

    @Test
    void enable_icc_false_keeps_containers_of_one_network_apart() {
        String net = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", net + ".0/24", "-o", "com.docker.network.bridge.enable_icc=false",
                "noicc").check();
        assertEquals("false", networkInspect("noicc", "{{index .Options \"com.docker.network.bridge.enable_icc\"}}"));
        d.runDetached("--name", "alone1", "--network", "noicc", "busybox", "sleep", "600");
        d.runDetached("--name", "alone2", "--network", "noicc", "busybox", "sleep", "600");
        String ip2 = d.inspect("alone2", "{{.NetworkSettings.Networks.noicc.IPAddress}}");
        d.exec("alone1", "ping -c 1 -W 2 " + net + ".1");
        assertFalse(d.tryExec("alone1", "ping -c 1 -W 1 " + ip2).succeeded(), "icc=false drops container to container");
        assertTrue(d.exec("alone1", "nslookup alone2").contains(ip2), "names still resolve");
        d.docker("rm", "-f", "alone1", "alone2").check();
        d.docker("network", "rm", "noicc").check();
    }

    @Test
    void a_stopped_container_connected_to_a_network_joins_it_at_start_and_keeps_its_static_ip() {
        String net = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", net + ".0/24", "later").check();
        d.docker("create", "--name", "sleeper", "busybox", "sleep", "600").check();
        d.docker("network", "connect", "--ip", net + ".99", "later", "sleeper").check();
        d.docker("start", "sleeper").check();
        assertEquals(Set.of("lo", "eth0", "eth1"), links("sleeper"));
        assertTrue(d.exec("sleeper", "ip -o -4 addr show dev eth1").contains("inet " + net + ".99/24"));
        d.docker("stop", "-t", "1", "sleeper").check();
        d.docker("start", "sleeper").check();
        assertEquals(net + ".99", d.inspect("sleeper", "{{.NetworkSettings.Networks.later.IPAddress}}"));
        assertTrue(d.exec("sleeper", "ip -o -4 addr show dev eth1").contains("inet " + net + ".99/24"));
        DockerCli.Result taken = d.docker("run", "--rm", "--network", "later", "--ip", net + ".99", "busybox", "true");
        assertFalse(taken.succeeded(), taken.describe());
        assertTrue(taken.stderr().contains("Address already in use"), taken.stderr());
        d.docker("rm", "-f", "sleeper").check();
        d.docker("network", "rm", "later").check();
    }

    @Test
    void bad_addresses_and_overlapping_subnets_are_refused() {
        String net = HostNetwork.freeSubnet24();
        d.docker("network", "create", "--subnet", net + ".0/24", "strict").check();
        DockerCli.Result overlap = d.docker("network", "create", "--subnet", net + ".128/25", "strict2");
        assertFalse(overlap.succeeded(), overlap.describe());
        assertTrue(overlap.stderr().contains("overlaps"), overlap.stderr());
        DockerCli.Result outside = d.docker("run", "--rm", "--network", "strict", "--ip", HostNetwork.freeSubnet24() + ".5",
                "busybox", "true");
        assertFalse(outside.succeeded(), outside.describe());
        assertTrue(outside.stderr().contains("no configured subnet or ip-range contain the IP address"), outside.stderr());
        DockerCli.Result onDefault = d.docker("run", "--rm", "--ip", d.subnet() + ".9", "busybox", "true");
        assertFalse(onDefault.succeeded(), onDefault.describe());
        assertTrue(onDefault.stderr().contains("user specified IP address is supported on user defined networks only"),
                onDefault.stderr());
        DockerCli.Result duplicate = d.docker("network", "create", "--subnet", HostNetwork.freeSubnet24() + ".0/24", "strict");
        assertFalse(duplicate.succeeded(), duplicate.describe());
        assertTrue(duplicate.stderr().contains("already exists"), duplicate.stderr());
        assertEquals("", d.docker("ps", "-aq", "--filter", "status=running", "--filter", "network=strict").check()
                .stdout().strip());
        d.docker("network", "rm", "strict").check();
    }

    @Test
    void a_dual_stack_network_gives_ipv6_addresses_that_dns_answers() {
        String net = HostNetwork.freeSubnet24();
        // groups without leading zeros, as addresses are printed
        String v6 = "fd" + HostNetwork.hex(2) + ":" + Integer.toHexString(Integer.parseInt(HostNetwork.hex(4), 16)) + ":"
                + Integer.toHexString(Integer.parseInt(HostNetwork.hex(4), 16)) + ":1::";
        d.docker("network", "create", "--ipv6", "--subnet", net + ".0/24", "--subnet", v6 + "/64", "dual").check();
        d.runDetached("--name", "six1", "--network", "dual", "busybox", "sleep", "600");
        d.runDetached("--name", "six2", "--network", "dual", "busybox", "sleep", "600");
        String addr = d.inspect("six2", "{{.NetworkSettings.Networks.dual.GlobalIPv6Address}}");
        assertTrue(addr.startsWith(v6.substring(0, v6.length() - 1)), addr);
        assertEquals("64", d.inspect("six2", "{{.NetworkSettings.Networks.dual.GlobalIPv6PrefixLen}}"));
        assertTrue(d.exec("six2", "ip -o -6 addr show dev eth0 scope global").contains(addr + "/64"));
        d.exec("six1", "ping6 -c 1 -W 2 " + addr);
        String answer = d.exec("six1", "nslookup -type=aaaa six2");
        assertTrue(answer.contains(addr), answer);
        d.docker("rm", "-f", "six1", "six2").check();
        d.docker("network", "rm", "dual").check();
    }

    private static String networkInspect(String network, String format) {
        return d.docker("network", "inspect", "-f", format, network).check().stdout().strip();
    }

    private static String ls(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("network", "ls"));
        all.addAll(List.of(args));
        return d.docker(all.toArray(String[]::new)).check().stdout().strip();
    }

    private static Set<String> links(String container) {
        return d.exec(container, "ip -o link").lines().map(l -> l.split(":\\s*")[1].split("@")[0])
                .collect(Collectors.toSet());
    }
}
