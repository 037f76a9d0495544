package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.linux.IdMap;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecBuilderTest {
    private final HostFacts host = ContainerSpecs.v1Host();
    private ContainerSpecs c;

    @BeforeEach
    void rootfs(@TempDir Path rootfs) throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        c = new ContainerSpecs(rootfs);
    }

    private ObjectNode apply(SpecBuilder.Option... options) {
        ObjectNode spec = DefaultSpec.create(host);
        for (SpecBuilder.Option o : options) {
            o.apply(c.build(), host, spec);
        }
        return spec;
    }

    private static JsonNode mount(ObjectNode spec, String destination) {
        for (JsonNode m : spec.path("mounts")) {
            if (m.path("destination").asText().equals(destination)) {
                return m;
            }
        }
        return null;
    }

    private static List<String> options(ObjectNode spec, String destination) {
        return LinuxOptions.texts(mount(spec, destination).path("options"));
    }

    @Test
    void withProcess_puts_path_and_hostname_first_and_term_with_a_tty() {
        c.terminal = true;
        c.env = List.of("FOO=bar", "HOSTNAME=mine", "TERM");
        c.cwd = "/srv";
        JsonNode p = apply(SpecBuilder.OPTIONS.get(1)).path("process");
        assertEquals(List.of(ProcessOptions.DEFAULT_PATH, "HOSTNAME=mine", "FOO=bar"), LinuxOptions.texts(p.path("env")));
        assertEquals("/srv", p.path("cwd").asText());
        assertTrue(p.path("terminal").asBoolean());
        assertEquals(List.of("sh", "-c", "echo ok"), LinuxOptions.texts(p.path("args")));
    }

    @Test
    void withProcess_defaults_cwd_and_rejects_relative_or_empty_commands() {
        assertEquals("/", apply(ProcessOptions::withProcess).path("process").path("cwd").asText());
        assertTrue(LinuxOptions.texts(apply(ProcessOptions::withProcess).path("process").path("env")).contains("HOSTNAME=c0ffee"));
        c.cwd = "srv";
        assertThrows(InvalidArgumentException.class, () -> apply(ProcessOptions::withProcess));
        c.cwd = "";
        c.args = List.of();
        assertThrows(InvalidArgumentException.class, () -> apply(ProcessOptions::withProcess));
    }

    @Test
    void withInit_wraps_the_command_and_binds_the_init_read_only() {
        c.init = Optional.of(Path.of("/usr/bin/tini"));
        ObjectNode spec = apply(ProcessOptions::withProcess, ProcessOptions::withInit, MountOptions::withMounts);
        assertEquals(List.of("/sbin/docker-init", "--", "sh", "-c", "echo ok"),
                LinuxOptions.texts(spec.path("process").path("args")));
        assertEquals("/usr/bin/tini", mount(spec, "/sbin/docker-init").path("source").asText());
        assertEquals(List.of("bind", "ro"), options(spec, "/sbin/docker-init"));
        c.namespaces = new ContainerSpec.Namespaces(ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.HOST,
                ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.PRIVATE);
        assertEquals("sh", apply(ProcessOptions::withProcess, ProcessOptions::withInit).path("process").path("args").get(0).asText());
    }

    @Test
    void withHostname_is_empty_in_the_hosts_uts_namespace() {
        assertEquals("c0ffee", apply(ProcessOptions::withHostname).path("hostname").asText());
        c.namespaces = new ContainerSpec.Namespaces(ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.PRIVATE,
                ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.HOST);
        assertEquals("", apply(ProcessOptions::withHostname).path("hostname").asText());
    }

    @Test
    void withUser_resolves_names_from_the_rootfs() {
        c.user = "nobody";
        JsonNode user = apply(ProcessOptions::withUser).path("process").path("user");
        assertEquals(65534, user.path("uid").asInt());
        assertEquals(65534, user.path("gid").asInt());
        c.user = "ghost";
        assertThrows(InvalidArgumentException.class, () -> apply(ProcessOptions::withUser));
    }

    @Test
    void withRlimits_names_them_rlimit_upper_case() {
        c.ulimits = List.of(new ContainerSpec.Ulimit("nofile", 1024, 2048));
        JsonNode r = apply(ProcessOptions::withRlimits).path("process").path("rlimits").get(0);
        assertEquals("RLIMIT_NOFILE", r.path("type").asText());
        assertEquals(1024, r.path("soft").asLong());
        assertEquals(2048, r.path("hard").asLong());
        assertTrue(apply().path("process").path("rlimits").isMissingNode());
        c.ulimits = List.of(new ContainerSpec.Ulimit("nofile", 4096, 2048));
        assertThrows(InvalidArgumentException.class, () -> apply(ProcessOptions::withRlimits));
        c.ulimits = List.of(new ContainerSpec.Ulimit("wings", 1, 1));
        assertThrows(InvalidArgumentException.class, () -> apply(ProcessOptions::withRlimits));
    }

    @Test
    void withCapabilities_applies_add_drop_and_privileged() {
        c.capAdd = List.of("SYS_ADMIN");
        c.capDrop = List.of("NET_RAW");
        JsonNode caps = apply(ProcessOptions::withCapabilities).path("process").path("capabilities");
        assertTrue(LinuxOptions.texts(caps.path("effective")).contains("CAP_SYS_ADMIN"));
        assertFalse(LinuxOptions.texts(caps.path("bounding")).contains("CAP_NET_RAW"));
        c.privileged = true;
        assertEquals(41, apply(ProcessOptions::withCapabilities).path("process").path("capabilities").path("permitted").size());
    }

    @Test
    void withNoNewPrivileges_only_when_asked() {
        assertTrue(apply(ProcessOptions::withNoNewPrivileges).path("process").path("noNewPrivileges").isMissingNode());
        c.securityOpt = List.of("no-new-privileges=true");
        assertTrue(apply(ProcessOptions::withNoNewPrivileges).path("process").path("noNewPrivileges").asBoolean());
    }

    @Test
    void withOomScoreAdj_and_withApparmor() {
        c.oomScoreAdj = 500;
        c.securityOpt = List.of("apparmor=my-profile");
        ObjectNode spec = apply(ProcessOptions::withOomScoreAdj, ProcessOptions::withApparmor);
        assertEquals(500, spec.path("process").path("oomScoreAdj").asInt());
        // This host has no AppArmor, so the profile name is not passed on.
        assertTrue(spec.path("process").path("apparmorProfile").isMissingNode());
    }

    @Test
    void withMounts_sizes_shm_and_puts_user_mounts_after_defaults_by_depth() {
        c.shmSize = 128L << 20;
        c.tmpfs.put("/run/deep", "size=1m");
        c.tmpfs.put("/run", "exec");
        c.mounts.add(new ContainerSpec.MountSpec("bind", "/srv/data", "/data", List.of("ro")));
        ObjectNode spec = apply(MountOptions::withMounts);
        List<String> destinations = spec.path("mounts").findValuesAsText("destination");
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/run", "/data", "/run/deep"), destinations);
        assertTrue(options(spec, "/dev/shm").contains("size=134217728"));
        assertEquals(List.of("nosuid", "nodev", "rprivate", "exec"), options(spec, "/run"));
        assertEquals(List.of("noexec", "nosuid", "nodev", "rprivate", "size=1m"), options(spec, "/run/deep"));
        assertEquals(List.of("rbind", "ro", "rprivate"), options(spec, "/data"));
        assertTrue(spec.path("linux").path("rootfsPropagation").isMissingNode());
    }

    @Test
    void withMounts_defaults_shm_to_64_mib_and_lets_user_mounts_replace_defaults() {
        assertTrue(options(apply(MountOptions::withMounts), "/dev/shm").contains("size=67108864"));
        c.mounts.add(new ContainerSpec.MountSpec("bind", "/host/dev", "/dev", List.of("rshared")));
        ObjectNode spec = apply(MountOptions::withMounts);
        assertEquals(List.of("/proc", "/sys", "/sys/fs/cgroup", "/dev"), spec.path("mounts").findValuesAsText("destination"));
        assertEquals("shared", spec.path("linux").path("rootfsPropagation").asText());
    }

    @Test
    void withMounts_binds_the_hosts_shm_with_the_hosts_ipc() {
        c.namespaces = new ContainerSpec.Namespaces(ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.PRIVATE,
                ContainerSpec.Mode.HOST, ContainerSpec.Mode.PRIVATE);
        JsonNode shm = mount(apply(MountOptions::withMounts), "/dev/shm");
        assertEquals("bind", shm.path("type").asText());
        assertEquals("/dev/shm", shm.path("source").asText());
    }

    @Test
    void withReadonlyRootfs_makes_root_and_non_essential_default_mounts_read_only() {
        c.readonlyRootfs = true;
        c.mounts.add(new ContainerSpec.MountSpec("bind", "/srv", "/srv", List.of()));
        ObjectNode spec = apply(MountOptions::withMounts, MountOptions::withReadonlyRootfs);
        assertTrue(spec.path("root").path("readonly").asBoolean());
        assertFalse(options(spec, "/proc").contains("ro"));
        assertFalse(options(spec, "/dev").contains("ro"));
        assertFalse(options(spec, "/dev/shm").contains("ro"));
        assertFalse(options(spec, "/srv").contains("ro"));
        assertEquals(1, options(spec, "/sys").stream().filter("ro"::equals).count());
        assertTrue(options(spec, "/sys/fs/cgroup").contains("ro"));
    }

    @Test
    void withPrivileged_unmasks_and_makes_sys_and_cgroups_writable() {
        c.privileged = true;
        ObjectNode spec = apply(MountOptions::withPrivileged, MountOptions::withCgroupMount);
        assertFalse(options(spec, "/sys").contains("ro"));
        assertFalse(options(spec, "/sys/fs/cgroup").contains("ro"));
        assertTrue(spec.path("linux").path("maskedPaths").isMissingNode());
        assertTrue(spec.path("linux").path("readonlyPaths").isMissingNode());
    }

    @Test
    void withSystemPaths_and_withCgroupMount_follow_security_options() {
        c.securityOpt = List.of("systempaths=unconfined", "writable-cgroups=true");
        ObjectNode spec = apply(MountOptions::withSystemPaths, MountOptions::withCgroupMount);
        assertTrue(spec.path("linux").path("maskedPaths").isMissingNode());
        assertFalse(options(spec, "/sys/fs/cgroup").contains("ro"));
        assertTrue(options(spec, "/sys").contains("ro"));
    }

    @Test
    void withDevices_gives_privileged_containers_the_host_devices() {
        assertEquals(8, apply(LinuxOptions::withDevices).path("linux").path("resources").path("devices").size());
        c.privileged = true;
        JsonNode linux = apply(LinuxOptions::withDevices).path("linux");
        assertEquals("/dev/sda", linux.path("devices").get(0).path("path").asText());
        assertEquals(8, linux.path("devices").get(0).path("major").asInt());
        JsonNode rules = linux.path("resources").path("devices");
        assertEquals(1, rules.size());
        assertTrue(rules.get(0).path("allow").asBoolean());
    }

    @Test
    void withNamespaces_omits_host_ones_and_joins_by_path() {
        c.namespaces = new ContainerSpec.Namespaces(ContainerSpec.Mode.join(Path.of("/proc/42/ns/net")),
                ContainerSpec.Mode.HOST, ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.PRIVATE);
        JsonNode ns = apply(LinuxOptions::withNamespaces).path("linux").path("namespaces");
        assertEquals(List.of("mount", "network", "uts", "ipc"), ns.findValuesAsText("type"));
        assertEquals("/proc/42/ns/net", ns.get(1).path("path").asText());
        assertTrue(ns.get(0).path("path").isMissingNode());
    }

    @Test
    void withNamespaces_adds_a_cgroup_namespace_on_cgroup_v2_only() {
        HostFacts v2 = new HostFacts(true, Capabilities.ALL, List.of(), true, java.util.Set.of(), 6, 1, "amd64", false, List.of());
        ObjectNode spec = DefaultSpec.create(v2);
        LinuxOptions.withNamespaces(c.build(), v2, spec);
        assertEquals(List.of("mount", "network", "uts", "pid", "ipc", "cgroup"),
                spec.path("linux").path("namespaces").findValuesAsText("type"));
    }

    @Test
    void withUserNamespace_maps_root_and_joins_the_user_namespace_of_a_joined_one() {
        c.userNamespace = new IdMap(List.of(new IdMap.Range(0, 100000, 1000), new IdMap.Range(1000, 300000, 64536)),
                List.of(new IdMap.Range(0, 200000, 65536)));
        JsonNode linux = apply(LinuxOptions::withNamespaces, LinuxOptions::withUserNamespace).path("linux");
        assertEquals("user", linux.path("namespaces").get(5).path("type").asText());
        assertEquals(100000, linux.path("uidMappings").get(0).path("hostID").asLong());
        assertEquals(0, linux.path("uidMappings").get(0).path("containerID").asLong());
        assertEquals(1000, linux.path("uidMappings").get(1).path("containerID").asLong());
        assertEquals(300000, linux.path("uidMappings").get(1).path("hostID").asLong());
        assertEquals(64536, linux.path("uidMappings").get(1).path("size").asLong());
        assertEquals(200000, linux.path("gidMappings").get(0).path("hostID").asLong());
        assertEquals(65536, linux.path("gidMappings").get(0).path("size").asLong());
        assertEquals(1, linux.path("gidMappings").size());
        c.namespaces = new ContainerSpec.Namespaces(ContainerSpec.Mode.join(Path.of("/proc/42/ns/net")),
                ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.PRIVATE);
        JsonNode joined = apply(LinuxOptions::withNamespaces, LinuxOptions::withUserNamespace).path("linux").path("namespaces");
        assertEquals("/proc/42/ns/user", joined.get(joined.size() - 1).path("path").asText());
    }

    @Test
    void withDefaultSysctls_only_with_a_private_network_and_user_sysctls_win() {
        c.sysctls.put("net.ipv4.ip_unprivileged_port_start", "1024");
        c.domainname = "example.org";
        JsonNode sysctl = apply(LinuxOptions::withDefaultSysctls, LinuxOptions::withSysctls).path("linux").path("sysctl");
        assertEquals("0 2147483647", sysctl.path("net.ipv4.ping_group_range").asText());
        assertEquals("1024", sysctl.path("net.ipv4.ip_unprivileged_port_start").asText());
        assertEquals("example.org", sysctl.path("kernel.domainname").asText());
        c.sysctls.clear();
        c.namespaces = new ContainerSpec.Namespaces(ContainerSpec.Mode.HOST, ContainerSpec.Mode.PRIVATE,
                ContainerSpec.Mode.PRIVATE, ContainerSpec.Mode.PRIVATE);
        assertEquals(1, apply(LinuxOptions::withDefaultSysctls).path("linux").path("sysctl").size());
    }

    @Test
    void withCgroupsPath_defaults_under_berth() {
        assertEquals("/berth/c0ffee", apply(LinuxOptions::withCgroupsPath).path("linux").path("cgroupsPath").asText());
        c.cgroupsPath = "/custom/x";
        assertEquals("/custom/x", apply(LinuxOptions::withCgroupsPath).path("linux").path("cgroupsPath").asText());
    }

    @Test
    void withResources_follows_dockers_memory_swap_and_cpu_rules() {
        c.resources = new ContainerSpec.Resources(64L << 20, 0, 32L << 20, 512, 0, 0, 1_500_000_000L, "0-1", "0", 100, 300);
        JsonNode r = apply(LinuxOptions::withResources).path("linux").path("resources");
        assertEquals(64L << 20, r.path("memory").path("limit").asLong());
        assertEquals(128L << 20, r.path("memory").path("swap").asLong());
        assertEquals(32L << 20, r.path("memory").path("reservation").asLong());
        assertEquals(150_000, r.path("cpu").path("quota").asLong());
        assertEquals(100_000, r.path("cpu").path("period").asLong());
        assertEquals(512, r.path("cpu").path("shares").asLong());
        assertEquals("0-1", r.path("cpu").path("cpus").asText());
        assertEquals(100, r.path("pids").path("limit").asLong());
        assertEquals(300, r.path("blockIO").path("weight").asInt());
        assertEquals(8, r.path("devices").size());

        c.resources = new ContainerSpec.Resources(64L << 20, -1, 0, 0, 0, 0, 0, "", "", -1, 0);
        r = apply(LinuxOptions::withResources).path("linux").path("resources");
        assertEquals(-1, r.path("memory").path("swap").asLong());
        assertTrue(r.path("pids").isMissingNode());
        assertTrue(r.path("cpu").isMissingNode());
    }

    @Test
    void withResources_rejects_what_docker_rejects() {
        c.resources = new ContainerSpec.Resources(1L << 20, 0, 0, 0, 0, 0, 0, "", "", 0, 0);
        assertEquals("Minimum memory limit allowed is 6MB",
                assertThrows(InvalidArgumentException.class, () -> apply(LinuxOptions::withResources)).getMessage());
        c.resources = new ContainerSpec.Resources(64L << 20, 32L << 20, 0, 0, 0, 0, 0, "", "", 0, 0);
        assertThrows(InvalidArgumentException.class, () -> apply(LinuxOptions::withResources));
        c.resources = new ContainerSpec.Resources(0, 0, 0, 0, 50_000, 0, 1_000_000_000L, "", "", 0, 0);
        assertThrows(InvalidArgumentException.class, () -> apply(LinuxOptions::withResources));
    }

    @Test
    void withSeccomp_uses_the_default_profile_unless_privileged_or_unconfined(@TempDir Path dir) throws IOException {
        JsonNode seccomp = apply(ProcessOptions::withCapabilities, LinuxOptions::withSeccomp).path("linux").path("seccomp");
        assertEquals("SCMP_ACT_ERRNO", seccomp.path("defaultAction").asText());
        c.securityOpt = List.of("seccomp=unconfined");
        assertTrue(apply(LinuxOptions::withSeccomp).path("linux").path("seccomp").isMissingNode());
        c.securityOpt = List.of();
        c.privileged = true;
        assertTrue(apply(LinuxOptions::withSeccomp).path("linux").path("seccomp").isMissingNode());
        c.privileged = false;
        Path profile = Files.writeString(dir.resolve("p.json"), "{\"defaultAction\":\"SCMP_ACT_LOG\"}");
        c.securityOpt = List.of("seccomp=" + profile);
        assertEquals("SCMP_ACT_LOG", apply(LinuxOptions::withSeccomp).path("linux").path("seccomp").path("defaultAction").asText());
        c.securityOpt = List.of("seccomp=" + dir.resolve("missing.json"));
        assertThrows(InvalidArgumentException.class, () -> apply(LinuxOptions::withSeccomp));
    }

    @Test
    void build_runs_every_option_into_one_spec() {
        c.user = "nobody";
        c.readonlyRootfs = true;
        ObjectNode spec = SpecBuilder.build(c.build(), host);
        assertEquals(DefaultSpec.OCI_VERSION, spec.path("ociVersion").asText());
        assertEquals(c.rootfs.toString(), spec.path("root").path("path").asText());
        assertEquals(65534, spec.path("process").path("user").path("uid").asInt());
        assertEquals("/berth/c0ffee", spec.path("linux").path("cgroupsPath").asText());
        assertEquals(0, spec.path("process").path("oomScoreAdj").asInt());
        assertFalse(spec.path("linux").path("seccomp").path("syscalls").isEmpty());
        assertTrue(spec.path("root").path("readonly").asBoolean());
    }
}
