package dev.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link NetworkDriver} must do, run against the real kernel: a network can be created and
 * deleted twice over (idempotent), and a driver with endpoints puts one into a sandbox with its address
 * and takes it out again. Each driver's test extends this with a network of its own kind.
 */
abstract class NetworkDriverContract {
    @TempDir
    Path dir;

    protected abstract NetworkDriver driver();

    /** A network of this driver's kind, on a subnet no host route uses. */
    protected abstract Network network();

    @Test
    void create_and_delete_are_idempotent() throws Exception {
        NetworkDriver d = driver();
        Network n = network();
        d.createNetwork(n);
        d.createNetwork(n);
        d.deleteNetwork(n);
        d.deleteNetwork(n);
    }

    @Test
    void an_endpoint_joins_a_sandbox_with_its_address_and_leaves_it() throws Exception {
        NetworkDriver d = driver();
        Network n = network();
        Sandboxes sandboxes = new Sandboxes(dir.resolve("netns"));
        Path sb = sandboxes.create("contract" + Long.toHexString(System.nanoTime() & 0xffff));
        d.createNetwork(n);
        try {
            if (!d.hasEndpoints()) {
                return;
            }
            String gateway = n.ipam().config().getFirst().gateway();
            String ip = gateway.substring(0, gateway.lastIndexOf('.')) + ".2";
            Endpoint e = new Endpoint("e1", n.id(), "eth0", "vethc" + Long.toHexString(System.nanoTime() & 0xfffff),
                    "02:42:0a:00:00:02", ip, 24, gateway, "", 0, "", List.of());
            d.join(n, e, sb, true);
            String inside = Command.of("nsenter", "--net=" + sb, "ip", "-o", "addr", "show", "dev", "eth0").run().check().stdout();
            assertTrue(inside.contains(ip + "/24"), inside);
            String route = Command.of("nsenter", "--net=" + sb, "ip", "route").run().check().stdout();
            assertTrue(route.contains("default via " + gateway), route);
            assertTrue(java.nio.file.Files.exists(Path.of("/sys/class/net", e.hostIf())), "host end in berthd's namespace");
            d.leave(n, e, sb);
            assertFalse(java.nio.file.Files.exists(Path.of("/sys/class/net", e.hostIf())));
            assertEquals("", Command.of("nsenter", "--net=" + sb, "ip", "-o", "link", "show", "dev", "eth0").run()
                    .stdout().strip());
        } finally {
            d.deleteNetwork(n);
            sandboxes.delete(sb.getFileName().toString());
        }
    }

    protected static Network bridgeNetwork(String bridge, String subnet, String gateway) {
        return new Network("contract", "c0ffee" + "0".repeat(58), "2026-01-01T00:00:00Z", "local", "bridge", true, false,
                new Network.Ipam("default", Map.of(), List.of(new Network.IpamConfig(subnet, "", gateway, Map.of()))),
                false, false, false, Map.of(Network.BRIDGE_NAME, bridge), Map.of());
    }
}
