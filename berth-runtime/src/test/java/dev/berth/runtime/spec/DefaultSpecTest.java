package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultSpecTest {
    private final HostFacts host = ContainerSpecs.v1Host();

    @Test
    void lists_dockers_mounts_in_order() {
        ObjectNode spec = DefaultSpec.create(host);
        List<String> destinations = spec.path("mounts").findValuesAsText("destination");
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"), destinations);
        assertEquals(List.of("nosuid", "noexec", "nodev", "ro"), LinuxOptions.texts(spec.path("mounts").get(3).path("options")));
        assertEquals("shm", spec.path("mounts").get(6).path("source").asText());
    }

    @Test
    void grants_the_fourteen_default_capabilities_in_three_sets_only() {
        JsonNode caps = DefaultSpec.create(host).path("process").path("capabilities");
        assertEquals(14, caps.path("bounding").size());
        assertEquals(caps.path("bounding"), caps.path("effective"));
        assertEquals(caps.path("bounding"), caps.path("permitted"));
        assertTrue(caps.path("inheritable").isMissingNode());
        assertTrue(caps.path("ambient").isMissingNode());
    }

    @Test
    void masks_thermal_throttle_only_where_the_host_has_it() {
        HostFacts withThermal = new HostFacts(false, Capabilities.ALL, List.of("/sys/devices/system/cpu/cpu0/thermal_throttle"), true,
                java.util.Set.of(), 6, 1, "amd64", false, List.of());
        JsonNode masked = DefaultSpec.create(withThermal).path("linux").path("maskedPaths");
        assertEquals(DefaultSpec.MASKED_PATHS.size() + 1, masked.size());
        assertEquals("/sys/devices/system/cpu/cpu0/thermal_throttle", masked.get(masked.size() - 1).asText());
        assertEquals(DefaultSpec.MASKED_PATHS, LinuxOptions.texts(DefaultSpec.create(host).path("linux").path("maskedPaths")));
    }

    @Test
    void denies_all_devices_then_allows_the_harmless_ones() {
        JsonNode rules = DefaultSpec.create(host).path("linux").path("resources").path("devices");
        assertEquals(8, rules.size());
        assertEquals(false, rules.get(0).path("allow").asBoolean());
        assertEquals("rwm", rules.get(0).path("access").asText());
        assertEquals(5, rules.get(1).path("minor").asInt());
        assertEquals(229, rules.get(7).path("minor").asInt());
        assertEquals(false, rules.get(7).path("allow").asBoolean());
    }

    @Test
    void returns_a_fresh_tree_each_call() {
        ObjectNode a = DefaultSpec.create(host);
        ObjectNode b = DefaultSpec.create(host);
        assertNotSame(a, b);
        a.put("hostname", "changed");
        assertEquals("", b.path("hostname").asText());
        assertEquals(List.of("mount", "network", "uts", "pid", "ipc"),
                b.path("linux").path("namespaces").findValuesAsText("type"));
    }
}
