package dev.berth.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class NullDriverTest extends NetworkDriverContract {
    @Override
    protected NetworkDriver driver() {
        return new NullDriver("null");
    }

    @Override
    protected Network network() {
        return new Network("none", "ab".repeat(32), "2026-01-01T00:00:00Z", "local", "null", true, false,
                new Network.Ipam("default", Map.of(), List.of()), false, false, false, Map.of(), Map.of());
    }

    @Test
    void has_no_endpoints_to_join() {
        assertFalse(driver().hasEndpoints());
        assertThrows(UnsupportedOperationException.class, () -> driver().join(network(), null, dir, false));
    }
}
