package dev.berth.network.firewall;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The generated scripts against the real nft: accepted, applied, replaced and removed. */
@Tag("integration")
class NftablesTest {

    @Test
    void applies_replaces_and_clears_a_table() throws Exception {
        String table = "berth_unit_" + Long.toHexString(System.nanoTime() & 0xffffff);
        Nftables nft = new Nftables(table, true);
        FirewallModel.Bridge b = new FirewallModel.Bridge("brt-x", List.of("10.250.0.0/24"), List.of("fd00:250::/64"),
                false, true, false);
        try {
            nft.apply(new FirewallModel(List.of(b), List.of(new FirewallModel.PortForward("tcp", "", 18080, "10.250.0.2", 80)),
                    List.of(new FirewallModel.LinkRule("brt-x", "10.250.0.3", "10.250.0.2", "tcp", 80))));
            String listed = list(table);
            assertTrue(listed.contains("dnat ip to 10.250.0.2:80"), listed);
            nft.apply(new FirewallModel(List.of(b), List.of(), List.of()));
            assertFalse(list(table).contains("dnat ip to"), "the second apply replaced the first");
            nft.clear();
            assertFalse(Command.of("nft", "list", "tables").run().check().stdout().contains(table));
        } finally {
            Command.of("nft", "delete", "table", "inet", table).run();
        }
    }

    @Test
    void disabled_firewall_touches_nothing() throws Exception {
        String table = "berth_off_" + Long.toHexString(System.nanoTime() & 0xffffff);
        new Nftables(table, false).apply(new FirewallModel(List.of(), List.of(), List.of()));
        assertFalse(Command.of("nft", "list", "tables").run().check().stdout().contains(table));
    }

    private static String list(String table) throws Exception {
        return Command.of("nft", "list", "table", "inet", table).run().check().stdout();
    }
}
