package dev.berth.network.firewall;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesetTest {
    private static final FirewallModel.Bridge DEFAULT = new FirewallModel.Bridge("berth0", List.of("172.17.0.0/16"),
            List.of(), true, true, false);

    @Test
    void replaces_the_whole_table_in_one_script() {
        String s = Ruleset.replace("berth", new FirewallModel(List.of(DEFAULT), List.of(), List.of()));
        assertTrue(s.startsWith("table inet berth\ndelete table inet berth\ntable inet berth {\n"), s);
        assertTrue(s.contains("type nat hook prerouting priority dstnat"));
        assertTrue(s.contains("fib daddr type local jump published"));
    }

    @Test
    void masquerades_each_bridge_subnet_unless_turned_off_or_internal() {
        String on = Ruleset.replace("t", new FirewallModel(List.of(DEFAULT), List.of(), List.of()));
        assertTrue(on.contains("oifname != \"berth0\" ip saddr 172.17.0.0/16 masquerade"), on);
        String off = Ruleset.replace("t", new FirewallModel(List.of(new FirewallModel.Bridge("berth0",
                List.of("172.17.0.0/16"), List.of(), true, false, false)), List.of(), List.of()));
        assertFalse(off.contains("oifname != \"berth0\" ip saddr 172.17.0.0/16 masquerade"), off);
        String internal = Ruleset.replace("t", new FirewallModel(List.of(new FirewallModel.Bridge("br-i",
                List.of("10.1.0.0/24"), List.of(), true, true, true)), List.of(), List.of()));
        assertFalse(internal.contains("masquerade\n    oifname != \"br-i\""));
        assertTrue(internal.contains("iifname \"br-i\" oifname != \"br-i\" drop"), internal);
    }

    @Test
    void publishes_ports_with_dnat_on_any_or_one_address() {
        String s = Ruleset.replace("t", new FirewallModel(List.of(DEFAULT), List.of(
                new FirewallModel.PortForward("tcp", "0.0.0.0", 8080, "172.17.0.2", 80),
                new FirewallModel.PortForward("udp", "127.0.0.1", 5353, "172.17.0.3", 53)), List.of()));
        assertTrue(s.contains("    tcp dport 8080 dnat ip to 172.17.0.2:80\n"), s);
        assertTrue(s.contains("    ip daddr 127.0.0.1 udp dport 5353 dnat ip to 172.17.0.3:53\n"), s);
        assertTrue(s.contains("oifname \"berth0\" ip saddr 127.0.0.0/8 masquerade"), "localhost publishing needs SNAT");
    }

    @Test
    void isolates_bridges_from_each_other() {
        FirewallModel.Bridge other = new FirewallModel.Bridge("br-1", List.of("172.18.0.0/16"), List.of(), true, true, false);
        String s = Ruleset.replace("t", new FirewallModel(List.of(DEFAULT, other), List.of(), List.of()));
        assertTrue(s.contains("iifname \"berth0\" oifname { \"br-1\" } drop"), s);
        assertTrue(s.contains("iifname \"br-1\" oifname { \"berth0\" } drop"), s);
    }

    @Test
    void icc_off_drops_within_the_bridge_except_linked_ports() {
        FirewallModel.Bridge noIcc = new FirewallModel.Bridge("berth0", List.of("172.17.0.0/16"), List.of(), false, true, false);
        String s = Ruleset.replace("t", new FirewallModel(List.of(noIcc), List.of(),
                List.of(new FirewallModel.LinkRule("berth0", "172.17.0.3", "172.17.0.2", "tcp", 80))));
        int accept = s.indexOf("ip saddr 172.17.0.3 ip daddr 172.17.0.2 tcp dport 80 accept");
        int drop = s.indexOf("iifname \"berth0\" oifname \"berth0\" drop");
        assertTrue(accept > 0 && drop > accept, s);
        assertTrue(s.indexOf("ct state established,related accept") < accept, "replies pass before the drop");
    }

    @Test
    void delete_leaves_nothing() {
        assertTrue(Ruleset.delete("x").endsWith("delete table inet x\n"));
    }
}
