package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --userns-remap default} through the stock docker CLI: berthd creates (or finds) {@code dockremap}, keeps its
 * stores under {@code <data-root>/<uid>.<gid>} with layers owned by the subordinate ids, and runs containers in a
 * user namespace whose root is the first of them.
 */
@Tag("integration")
class UsernsRemapTest {
    private static BusyboxDaemon daemon;
    private static DockerCli docker;
    /** dockremap's first subordinate uid and gid: the container's root on the host. */
    private static long uid;
    private static long gid;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        daemon = BusyboxDaemon.start(tmp, "--userns-remap", "default");
        docker = daemon.docker();
        uid = firstRange(Path.of("/etc/subuid"));
        gid = firstRange(Path.of("/etc/subgid"));
    }

    private static long firstRange(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("dockremap:"))
                .map(l -> Long.parseLong(l.split(":")[1])).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void root_inside_is_the_subordinate_uid_on_the_host() throws IOException {
        assertEquals("uid=0(root) gid=0(root) groups=0(root)",
                docker.run("run", "--rm", "busybox", "id").check().stdout().strip());
        docker.run("run", "-d", "--name", "remapped", "busybox", "sleep", "1000").check();
        try {
            assertEquals(List.of("0", Long.toString(uid), "65536"),
                    words(docker.run("exec", "remapped", "cat", "/proc/self/uid_map").check().stdout()));
            String pid = docker.run("inspect", "-f", "{{.State.Pid}}", "remapped").check().stdout().strip();
            List<String> status = Files.readAllLines(Path.of("/proc", pid, "status"));
            assertEquals(Long.toString(uid), field(status, "Uid:"));
            assertEquals(Long.toString(gid), field(status, "Gid:"));
            assertEquals(Long.toString(uid), new String(new ProcessBuilder("ps", "-o", "uid=", "-p", pid)
                    .start().getInputStream().readAllBytes()).strip());
        } finally {
            docker.run("rm", "-f", "remapped");
        }
    }

    @Test
    void info_shows_userns_and_the_remapped_root_dir_holds_shifted_layers() throws IOException {
        assertTrue(docker.run("info", "-f", "{{json .SecurityOptions}}").check().stdout().contains("\"name=userns\""));
        Path root = daemon.berthd().dataRoot().resolve(uid + "." + gid);
        assertEquals(root.toString(), docker.run("info", "-f", "{{.DockerRootDir}}").check().stdout().strip());
        Path busybox;
        try (Stream<Path> walk = Files.walk(root.resolve("overlay2"))) {
            busybox = walk.filter(p -> p.endsWith("bin/busybox")).findFirst().orElseThrow();
        }
        assertEquals((int) uid, Files.getAttribute(busybox, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals((int) gid, Files.getAttribute(busybox, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void the_container_root_owns_its_files_and_can_write_where_root_can() {
        DockerCli.Result r = docker.run("run", "--rm", "-v", "remapvol:/data", "busybox", "sh", "-c",
                "touch /new /tmp/t /data/d && echo shm > /dev/shm/s && cat /dev/shm/s"
                        + " && cat /etc/hostname /etc/hosts /etc/resolv.conf > /dev/null"
                        + " && stat -c '%u:%g' / /bin/busybox /new /data /data/d");
        assertEquals(List.of("shm", "0:0", "0:0", "0:0", "0:0", "0:0"), r.check().stdout().lines().toList());
        docker.run("volume", "rm", "remapvol").check();
    }

    @Test
    void commit_cp_and_export_carry_the_ids_the_container_sees() throws IOException {
        docker.run("run", "--name", "maker", "busybox", "sh", "-c", "echo made > /made && chown 33:44 /made").check();
        try {
            docker.run("commit", "maker", "remapped-made").check();
            assertEquals("33:44 made", docker.run("run", "--rm", "remapped-made", "sh", "-c",
                    "echo $(stat -c %u:%g /made) $(cat /made)").check().stdout().strip());
            // An all-ASCII tar survives the CLI's stdout as text.
            byte[] cp = docker.run("cp", "maker:/made", "-").check().stdout().getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(List.of("made 33:44"), owners(new ByteArrayInputStream(cp)));
            Path export = tmp.resolve("maker.tar");
            docker.run("export", "-o", export.toString(), "maker").check();
            List<String> exported;
            try (InputStream in = Files.newInputStream(export)) {
                exported = owners(in);
            }
            assertTrue(exported.contains("made 33:44"), exported.toString());
            assertTrue(exported.contains("bin/busybox 0:0"), exported.toString());
        } finally {
            docker.run("rm", "-f", "maker");
            docker.run("rmi", "remapped-made");
        }
    }

    private static List<String> owners(InputStream tar) throws IOException {
        List<String> out = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            out.add(e.getName() + " " + e.getLongUserId() + ":" + e.getLongGroupId());
        }
        return out;
    }

    @Test
    void a_restarted_daemon_finds_its_images_and_containers_under_the_remapped_root() throws IOException {
        docker.run("create", "--name", "keeper", "busybox", "id", "-u").check();
        try {
            daemon.berthd().restart();
            assertEquals("0", docker.run("start", "-a", "keeper").check().stdout().strip());
        } finally {
            docker.run("rm", "-f", "keeper");
        }
    }

    @Test
    void crun_gets_the_same_user_namespace() {
        assertEquals(List.of("0", Long.toString(uid), "65536"), words(docker.run("run", "--rm", "--runtime", "crun",
                "busybox", "sh", "-c", "touch /x && cat /proc/self/uid_map").check().stdout()));
    }

    @Test
    void userns_host_runs_a_container_without_remapping() {
        assertEquals(List.of("0", "0", "4294967295"), words(docker.run("run", "--rm", "--userns=host", "busybox",
                "cat", "/proc/self/uid_map").check().stdout()));
    }

    @Test
    void privileged_needs_userns_host_as_with_dockerd() {
        DockerCli.Result refused = docker.run("run", "--rm", "--privileged", "busybox", "true");
        assertEquals(125, refused.exitCode(), refused.describe());
        assertTrue(refused.stderr().contains("Error response from daemon: privileged mode is incompatible with user"
                + " namespaces.  You must run the container in the host namespace when running privileged mode"),
                refused.stderr());
        DockerCli.Result hostNet = docker.run("run", "--rm", "--net=host", "busybox", "true");
        assertTrue(hostNet.stderr().contains("cannot share the host's network namespace when user namespaces are enabled"),
                hostNet.describe());
        docker.run("run", "--rm", "--privileged", "--userns=host", "busybox", "true").check();
    }

    private static List<String> words(String s) {
        return List.of(s.strip().split("\\s+"));
    }

    private static String field(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name)).map(l -> words(l.substring(name.length())).getFirst())
                .findFirst().orElseThrow();
    }
}
