package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import dev.berth.linux.CommandResult;
import dev.berth.oci.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs specs from {@link SpecBuilder} with the real runc on a busybox rootfs copied from the host. */
@Tag("integration")
class SpecBuilderRuncTest {
    private static final String RUNC = "/usr/sbin/runc";
    private static final String CGROUP_PARENT = "/berth-test";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    static Path work;
    static Path rootfs;

    @BeforeAll
    static void busyboxRootfs() throws Exception {
        rootfs = work.resolve("rootfs");
        for (String dir : List.of("bin", "etc", "proc", "sys", "dev", "tmp", "mnt", "run", "data", "root")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        String applets = Command.of("/bin/busybox", "--list").run().check().stdout();
        for (String applet : applets.lines().map(String::strip).filter(a -> !a.isEmpty() && !a.equals("busybox")).toList()) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    }

    @AfterAll
    static void removeCgroupParents() throws IOException {
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path parent = h.resolve(CGROUP_PARENT.substring(1));
                if (Files.isDirectory(parent)) {
                    Files.delete(parent);
                }
            }
        }
    }

    private static ContainerSpecs container(String script) {
        ContainerSpecs c = new ContainerSpecs(rootfs);
        c.id = "berth-spec-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        c.hostname = "spec-host";
        c.cgroupsPath = CGROUP_PARENT + "/" + c.id;
        c.args = List.of("sh", "-c", script);
        return c;
    }

    /** runc run in a fresh bundle; the container is deleted, with its cgroups, whatever happens. */
    private static CommandResult run(ContainerSpecs c) throws Exception {
        Path bundle = Files.createDirectories(work.resolve(c.id));
        Files.write(bundle.resolve("config.json"), OciJson.bytes(SpecBuilder.build(c.build())));
        try {
            return Command.of(RUNC, "run", "--bundle", bundle.toString(), c.id).timeout(Duration.ofSeconds(30)).run();
        } finally {
            Command.of(RUNC, "delete", "-f", c.id).run();
        }
    }

    private static String ok(ContainerSpecs c) throws Exception {
        CommandResult r = run(c);
        assertEquals(0, r.exitCode(), () -> "stdout: " + r.stdout() + "\nstderr: " + r.stderr());
        return r.stdout();
    }

    @Test
    void probes_this_host() {
        HostFacts host = HostFacts.probe();
        assertEquals(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")), host.cgroupV2());
        assertTrue(host.allCapabilities().containsAll(Capabilities.DEFAULTS), host.allCapabilities().toString());
        assertEquals("amd64", host.goArch());
        LinuxDevice nul = host.devices().stream().filter(d -> d.path().equals("/dev/null")).findFirst().orElseThrow();
        assertEquals(List.of("c", 1, 3), List.of(nul.type(), nul.major(), nul.minor()));
        assertTrue(host.devices().stream().noneMatch(d -> d.path().startsWith("/dev/pts/")));
    }

    @Test
    void runs_as_root_pid_1_with_the_hostname_and_dockers_capabilities() throws Exception {
        String out = ok(container("id -u; hostname; echo $$; grep CapEff /proc/self/status"));
        assertEquals(List.of("0", "spec-host", "1", "CapEff:\t00000000a80425fb"), out.lines().toList());
    }

    @Test
    void refuses_writes_to_a_read_only_rootfs() throws Exception {
        ContainerSpecs c = container("touch /x");
        c.readonlyRootfs = true;
        CommandResult r = run(c);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("Read-only file system"), r.stderr());
    }

    @Test
    void limits_memory_and_pids_in_the_containers_cgroup() throws Exception {
        ContainerSpecs c = container("cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max");
        c.resources = new ContainerSpec.Resources(64L << 20, 0, 0, 0, 0, 0, 0, "", "", 50, 0);
        assertEquals(List.of(String.valueOf(64L << 20), "50"), ok(c).lines().toList());
    }

    @Test
    void runs_as_nobody() throws Exception {
        ContainerSpecs c = container("id -u; id -g");
        c.user = "nobody";
        assertEquals(List.of("65534", "65534"), ok(c).lines().toList());
    }

    @Test
    void mounts_a_writable_noexec_tmpfs() throws Exception {
        ContainerSpecs c = container("echo hi > /run/f && cat /run/f && grep ' /run ' /proc/mounts");
        c.readonlyRootfs = true;
        c.tmpfs.put("/run", "size=1m");
        List<String> lines = ok(c).lines().toList();
        assertEquals("hi", lines.get(0));
        assertTrue(lines.get(1).startsWith("tmpfs /run tmpfs rw,nosuid,nodev,noexec"), lines.get(1));
        assertTrue(lines.get(1).contains("size=1024k"), lines.get(1));
    }

    @Test
    void binds_a_host_directory_read_only() throws Exception {
        Path host = Files.createDirectories(work.resolve("host-data"));
        Files.writeString(host.resolve("greeting"), "from host\n");
        ContainerSpecs c = container("cat /data/greeting; touch /data/new 2>&1; echo $?");
        c.mounts.add(new ContainerSpec.MountSpec("bind", host.toString(), "/data", List.of("ro")));
        List<String> lines = ok(c).lines().toList();
        assertEquals("from host", lines.get(0));
        assertTrue(lines.get(1).contains("Read-only file system"), lines.get(1));
        assertEquals("1", lines.get(2));
        assertTrue(Files.notExists(host.resolve("new")));
    }

    @Test
    void masks_proc_kcore() throws Exception {
        assertEquals("0", ok(container("cat /proc/kcore | wc -c")).strip());
    }

    @Test
    void runs_a_shell_under_the_default_seccomp_profile_and_blocks_unshare() throws Exception {
        assertEquals("ok\n", ok(container("echo ok")));
        ContainerSpecs c = container("unshare -U true");
        CommandResult r = run(c);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("Operation not permitted"), r.stderr());
        CommandResult m = run(container("mount -t tmpfs none /mnt"));
        assertNotEquals(0, m.exitCode());
        // busybox reports mount(2)'s EPERM as "permission denied (are you root?)".
        assertTrue(m.stderr().contains("permission denied"), m.stderr());
    }

    @Test
    void allows_unshare_when_seccomp_is_unconfined() throws Exception {
        ContainerSpecs c = container("unshare -U true && echo unshared");
        c.securityOpt = List.of("seccomp=unconfined");
        assertEquals("unshared\n", ok(c));
    }

    @Test
    void applies_a_docker_format_profile_from_a_file() throws Exception {
        Path profile = Files.writeString(work.resolve("no-mkdir.json"), """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}],
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
                """, StandardCharsets.UTF_8);
        ContainerSpecs c = container("mkdir /tmp/d");
        c.securityOpt = List.of("seccomp=" + profile);
        CommandResult r = run(c);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("Operation not permitted"), r.stderr());
    }

    @Test
    void runs_privileged_with_a_writable_sys_every_capability_and_the_host_devices() throws Exception {
        ContainerSpecs c = container("grep ' /sys ' /proc/mounts; grep CapEff /proc/self/status; test -b /dev/"
                + firstBlockDevice() + " && echo has-block-device");
        c.privileged = true;
        List<String> lines = ok(c).lines().toList();
        assertTrue(lines.get(0).contains("sysfs /sys sysfs rw"), lines.get(0));
        long expected = 0;
        for (String cap : HostFacts.probe().allCapabilities()) {
            expected |= 1L << Capabilities.ALL.indexOf(cap);
        }
        assertEquals("CapEff:\t%016x".formatted(expected), lines.get(1));
        assertEquals("has-block-device", lines.get(2));
    }

    private static String firstBlockDevice() {
        return HostFacts.probe().devices().stream().filter(d -> d.type().equals("b")).findFirst()
                .map(d -> d.path().substring("/dev/".length())).orElseThrow();
    }
}
