package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
    private final HostFacts host = ContainerSpecs.v1Host();

    private static List<String> allowed(ObjectNode oci) {
        List<String> names = new ArrayList<>();
        for (JsonNode rule : oci.path("syscalls")) {
            if (rule.path("action").asText().equals("SCMP_ACT_ALLOW") && !rule.has("args")) {
                names.addAll(LinuxOptions.texts(rule.path("names")));
            }
        }
        return names;
    }

    @Test
    void denies_with_eperm_and_names_the_x86_architectures() {
        ObjectNode oci = SeccompProfile.berthDefault().toOci(Capabilities.DEFAULTS, host);
        assertEquals("SCMP_ACT_ERRNO", oci.path("defaultAction").asText());
        assertEquals(1, oci.path("defaultErrnoRet").asInt());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), LinuxOptions.texts(oci.path("architectures")));
        assertTrue(oci.path("syscalls").findValues("comment").isEmpty());
        assertTrue(oci.path("syscalls").findValues("includes").isEmpty());
    }

    @Test
    void keeps_namespace_and_mount_syscalls_for_cap_sys_admin_only() {
        List<String> plain = allowed(SeccompProfile.berthDefault().toOci(Capabilities.DEFAULTS, host));
        assertTrue(plain.containsAll(List.of("read", "execve", "arch_prctl", "modify_ldt", "chroot", "ptrace")));
        assertFalse(plain.contains("mount"));
        assertFalse(plain.contains("unshare"));
        assertFalse(plain.contains("reboot"));
        List<String> admin = new ArrayList<>(Capabilities.DEFAULTS);
        admin.add("CAP_SYS_ADMIN");
        assertTrue(allowed(SeccompProfile.berthDefault().toOci(admin, host)).containsAll(List.of("mount", "unshare", "setns")));
    }

    @Test
    void answers_clone3_with_enosys_unless_cap_sys_admin() {
        ObjectNode oci = SeccompProfile.berthDefault().toOci(Capabilities.DEFAULTS, host);
        JsonNode clone3 = rule(oci, "clone3", "SCMP_ACT_ERRNO");
        assertEquals(38, clone3.path("errnoRet").asInt());
        assertEquals("SCMP_CMP_MASKED_EQ", rule(oci, "clone", "SCMP_ACT_ALLOW").path("args").get(0).path("op").asText());
        List<String> admin = List.of("CAP_SYS_ADMIN");
        assertEquals(null, rule(SeccompProfile.berthDefault().toOci(admin, host), "clone3", "SCMP_ACT_ERRNO"));
    }

    @Test
    void applies_arch_and_kernel_conditions() {
        HostFacts arm = new HostFacts(false, Capabilities.ALL, List.of(), true, java.util.Set.of(), 4, 4, "arm64", false, List.of());
        List<String> names = allowed(SeccompProfile.berthDefault().toOci(Capabilities.DEFAULTS, arm));
        assertFalse(names.contains("arch_prctl"));
        assertFalse(names.contains("ptrace"));
        assertFalse(SeccompProfile.berthDefault().toOci(Capabilities.DEFAULTS, arm).has("architectures"));
    }

    @Test
    void translates_a_docker_profile_with_name_and_architectures() {
        SeccompProfile p = SeccompProfile.parse("""
                {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],
                 "syscalls":[{"name":"mkdir","action":"SCMP_ACT_ERRNO","errnoRet":13},
                             {"names":["chmod"],"action":"SCMP_ACT_ERRNO","excludes":{"caps":["CAP_FOWNER"]}}]}""");
        ObjectNode oci = p.toOci(Capabilities.DEFAULTS, host);
        assertEquals(List.of("SCMP_ARCH_X86_64"), LinuxOptions.texts(oci.path("architectures")));
        assertEquals(1, oci.path("syscalls").size());
        assertEquals(List.of("mkdir"), LinuxOptions.texts(oci.path("syscalls").get(0).path("names")));
        assertEquals(13, oci.path("syscalls").get(0).path("errnoRet").asInt());
    }

    @Test
    void rejects_ambiguous_profiles() {
        assertThrows(InvalidArgumentException.class, () -> SeccompProfile.parse(
                "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[],\"archMap\":[]}"));
        SeccompProfile both = SeccompProfile.parse(
                "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"name\":\"a\",\"names\":[\"b\"],\"action\":\"SCMP_ACT_ERRNO\"}]}");
        assertThrows(InvalidArgumentException.class, () -> both.toOci(List.of(), host));
        assertThrows(InvalidArgumentException.class, () -> SeccompProfile.parse("not json"));
    }

    @Test
    void treats_a_profile_without_action_or_rules_as_no_filter() {
        assertTrue(SeccompProfile.parse("{}").isEmpty());
        assertFalse(SeccompProfile.berthDefault().isEmpty());
    }

    private static JsonNode rule(ObjectNode oci, String name, String action) {
        for (JsonNode rule : oci.path("syscalls")) {
            if (LinuxOptions.texts(rule.path("names")).contains(name) && rule.path("action").asText().equals(action)) {
                return rule;
            }
        }
        return null;
    }
}
