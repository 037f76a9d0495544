package dev.berth.network.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import dev.berth.network.Network;
import dev.berth.network.NetworkDriver;
import dev.berth.network.NetworkDriverContractAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class BridgeDriverTest extends NetworkDriverContractAccess {
    private final String bridge = "bdt" + Long.toHexString(System.nanoTime() & 0xfffff);

    @Override
    protected NetworkDriver driver() {
        return new BridgeDriver(1400, "");
    }

    @Override
    protected Network network() {
        return bridgeNetwork(bridge, "10.251.7.0/24", "10.251.7.1");
    }

    @Test
    void the_bridge_gets_the_gateway_address_and_mtu() throws Exception {
        Network n = network();
        driver().createNetwork(n);
        try {
            String addr = Command.of("ip", "-o", "addr", "show", "dev", bridge).run().check().stdout();
            assertTrue(addr.contains("10.251.7.1/24"), addr);
            assertTrue(Files.readString(Path.of("/sys/class/net", bridge, "mtu")).strip().equals("1400"));
        } finally {
            driver().deleteNetwork(n);
        }
        assertFalse(Files.exists(Path.of("/sys/class/net", bridge)));
    }

    @Test
    void a_users_bridge_is_used_but_never_deleted() throws Exception {
        Command.of("ip", "link", "add", bridge, "type", "bridge").run().check();
        try {
            NetworkDriver d = new BridgeDriver(1500, bridge);
            d.createNetwork(network());
            d.deleteNetwork(network());
            assertTrue(Files.exists(Path.of("/sys/class/net", bridge)));
        } finally {
            Command.of("ip", "link", "del", bridge).run();
        }
    }
}
