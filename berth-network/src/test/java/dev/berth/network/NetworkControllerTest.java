package dev.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import dev.berth.network.ipam.Subnet;
import dev.berth.network.ipam.SubnetPicker;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.ForbiddenException;
import dev.berth.oci.error.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller over the real kernel: networks on disk, bridges, sandboxes, addresses and the nftables table. */
@Tag("integration")
class NetworkControllerTest {
    @TempDir
    Path dir;
    private final String table = "berth_ctl_" + Long.toHexString(System.nanoTime() & 0xffffff);
    private NetworkController controller;

    private NetworkSettings settings() {
        return new NetworkSettings(dir.resolve("network"), dir.resolve("netns"), table, true, false, true, true, 1500,
                "none", "unused0", "", "", "", false, "", "0.0.0.0",
                List.of(new SubnetPicker.Pool(Subnet.parse("10.252.0.0/16"), 24)));
    }

    @BeforeEach
    void open() throws Exception {
        controller = NetworkController.open(settings());
    }

    @AfterEach
    void clean() throws Exception {
        for (Network n : controller.list()) {
            if (!NetworkController.isPredefined(n)) {
                try {
                    controller.remove(n.id());
                } catch (RuntimeException ignored) {
                    // endpoints left by a failed test: the bridge goes below
                }
                Command.of("ip", "link", "del", n.bridgeName()).run();
            }
        }
        controller.shutdown(false);
    }

    private Network create(String name, String subnet) throws Exception {
        List<Network.IpamConfig> ipam = subnet == null ? List.of() : List.of(new Network.IpamConfig(subnet, "", "", Map.of()));
        return controller.create(new NetworkRequest(name, "bridge", false, false, false, Map.of("k", "v"), Map.of(),
                "", ipam));
    }

    @Test
    void predefined_networks_exist_and_cannot_be_removed() {
        assertEquals(Set.of("host", "none"), Set.copyOf(controller.list().stream().map(Network::name).toList()));
        assertThrows(ForbiddenException.class, () -> controller.remove("host"));
    }

    @Test
    void a_network_is_stored_and_found_by_name_id_and_prefix() throws Exception {
        Network n = create("front", null);
        assertEquals("10.252.0.0/24", n.ipam().config().getFirst().subnet());
        assertEquals("10.252.0.1", n.ipam().config().getFirst().gateway());
        assertTrue(Files.exists(dir.resolve("network").resolve(n.id() + ".json")));
        assertEquals(n.id(), controller.find("front").id());
        assertEquals(n.id(), controller.find(n.id().substring(0, 6)).id());
        assertTrue(Files.exists(Path.of("/sys/class/net", n.bridgeName())));
        assertTrue(nft().contains("ip saddr 10.252.0.0/24 masquerade"));
        NetworkController reopened = NetworkController.open(settings());
        assertEquals(n, reopened.find("front"));
    }

    @Test
    void duplicates_and_overlaps_are_refused_and_change_nothing() throws Exception {
        create("a", "10.252.9.0/24");
        assertThrows(ConflictException.class, () -> create("a", "10.252.10.0/24"));
        assertThrows(ForbiddenException.class, () -> create("b", "10.252.9.128/25"));
        assertThrows(NotFoundException.class, () -> controller.find("b"));
        assertThrows(NotFoundException.class, () -> controller.create(new NetworkRequest("c", "weave", false, false,
                false, Map.of(), Map.of(), "", List.of())));
        assertEquals(3, controller.list().size());
    }

    @Test
    void endpoints_get_distinct_addresses_and_block_removal() throws Exception {
        Network n = create("back", "10.252.20.0/24");
        Path sb1 = controller.sandboxes().create("c1aaaaaaaaaaaa");
        Path sb2 = controller.sandboxes().create("c2aaaaaaaaaaaa");
        try {
            Endpoint e1 = controller.connect("c1aaaaaaaaaaaa", "one", n, EndpointRequest.none(), sb1, true, 0, List.of("one"));
            Endpoint e2 = controller.connect("c2aaaaaaaaaaaa", "two", n, new EndpointRequest("10.252.20.77", "", "", List.of("db")),
                    sb2, true, 0, List.of("two", "db"));
            assertEquals("10.252.20.2", e1.ipv4());
            assertEquals("10.252.20.77", e2.ipv4());
            assertEquals("02:42:0a:fc:14:02", e1.mac());
            assertTrue(e1.hostIf().matches("veth[0-9a-f]{7}"), e1.hostIf());
            assertEquals(Set.of(Subnet.ip("10.252.20.77")), Set.copyOf(controller.resolve(Set.of(n.id()), "db").orElseThrow()));
            assertTrue(controller.resolve(Set.of(n.id()), "nobody").isEmpty());
            ForbiddenException busy = assertThrows(ForbiddenException.class, () -> controller.remove("back"));
            assertTrue(busy.getMessage().contains("has active endpoints"), busy.getMessage());
            assertThrows(ForbiddenException.class, () -> controller.connect("c3aaaaaaaaaaaa", "three", n,
                    new EndpointRequest("10.252.20.77", "", "", List.of()), sb1, false, 1, List.of()));
            controller.disconnect(n, e1, sb1);
            controller.disconnect(n, e2, sb2);
            controller.remove("back");
        } finally {
            controller.sandboxes().delete("c1aaaaaaaaaaaa");
            controller.sandboxes().delete("c2aaaaaaaaaaaa");
        }
    }

    @Test
    void a_restored_endpoint_keeps_its_address_from_new_ones() throws Exception {
        Network n = create("keep", "10.252.30.0/29");
        Endpoint old = new Endpoint("ep", n.id(), "eth0", "vethdead001", "02:42:0a:fc:1e:02", "10.252.30.2", 29,
                "10.252.30.1", "", 0, "", List.of());
        NetworkController after = NetworkController.open(settings());
        assertTrue(after.restore("c9aaaaaaaaaaaa", "nine", n.id(), old, List.of("nine")));
        Path sb = after.sandboxes().create("c8aaaaaaaaaaaa");
        try {
            Endpoint fresh = after.connect("c8aaaaaaaaaaaa", "eight", after.find("keep"), EndpointRequest.none(), sb, true, 0,
                    List.of());
            assertNotEquals("10.252.30.2", fresh.ipv4());
            assertFalse(after.restore("c7aaaaaaaaaaaa", "seven", n.id(), new Endpoint("ep2", n.id(), "eth0", "vethdead002",
                    "", fresh.ipv4(), 29, "", "", 0, "", List.of()), List.of()), "an address given twice");
            after.disconnect(after.find("keep"), fresh, sb);
        } finally {
            after.sandboxes().delete("c8aaaaaaaaaaaa");
        }
    }

    @Test
    void published_ports_are_held_and_forwarded_until_unpublished() throws Exception {
        List<PortBinding> b = controller.publish("cpaaaaaaaaaaaa", "10.252.40.2",
                List.of(new PortRequest("tcp", "127.0.0.1", 0, 0, 80)), "c (x)");
        int port = b.getFirst().hostPort();
        assertTrue(port >= 32768 && port <= 60999, "from the ephemeral range: " + port);
        assertTrue(nft().contains("ip daddr 127.0.0.1 tcp dport " + port + " dnat ip to 10.252.40.2:80"), nft());
        Exception taken = assertThrows(PortReservations.PortInUseException.class, () -> controller.publish("other",
                "10.252.40.3", List.of(new PortRequest("tcp", "127.0.0.1", port, port, 80)), "other (y)"));
        assertTrue(taken.getMessage().contains("port is already allocated"), taken.getMessage());
        controller.unpublish("cpaaaaaaaaaaaa");
        assertFalse(nft().contains("dport " + port + " "));
        try (var s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void shutdown_without_running_containers_leaves_no_table() throws Exception {
        create("gone", null);
        controller.shutdown(false);
        assertFalse(Command.of("nft", "list", "tables").run().check().stdout().contains(table));
    }

    private String nft() throws Exception {
        return Command.of("nft", "list", "table", "inet", table).run().check().stdout();
    }
}
