package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    void keeps_the_defaults_when_nothing_is_added_or_dropped() {
        assertEquals(Capabilities.DEFAULTS, Capabilities.resolve(List.of(), List.of(), false, Capabilities.ALL));
    }

    @Test
    void accepts_names_with_or_without_prefix_in_any_case() {
        List<String> caps = Capabilities.resolve(List.of("net_admin", "CAP_SYS_TIME"), List.of("mknod", "Cap_Kill"), false, Capabilities.ALL);
        assertFalse(caps.contains("CAP_MKNOD"));
        assertFalse(caps.contains("CAP_KILL"));
        assertEquals(List.of("CAP_NET_ADMIN", "CAP_SYS_TIME"), caps.subList(caps.size() - 2, caps.size()));
        assertEquals(14, caps.size());
    }

    @Test
    void add_all_gives_every_known_capability_but_the_dropped() {
        List<String> caps = Capabilities.resolve(List.of("ALL"), List.of("SYS_ADMIN"), false, Capabilities.ALL);
        assertEquals(40, caps.size());
        assertFalse(caps.contains("CAP_SYS_ADMIN"));
    }

    @Test
    void drop_all_keeps_only_the_added() {
        assertEquals(List.of("CAP_CHOWN"), Capabilities.resolve(List.of("chown"), List.of("all"), false, Capabilities.ALL));
    }

    @Test
    void privileged_gets_every_capability_this_kernel_knows() {
        List<String> hostCaps = Capabilities.ALL.subList(0, 38);
        List<String> caps = Capabilities.resolve(List.of(), List.of("ALL"), true, hostCaps);
        assertEquals(hostCaps, caps);
        assertTrue(caps.contains("CAP_AUDIT_READ"));
        assertFalse(caps.contains("CAP_BPF"));
    }

    @Test
    void rejects_an_unknown_name() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Capabilities.resolve(List.of("FLY"), List.of(), false, Capabilities.ALL));
        assertEquals("unknown capability: \"CAP_FLY\"", e.getMessage());
    }
}
