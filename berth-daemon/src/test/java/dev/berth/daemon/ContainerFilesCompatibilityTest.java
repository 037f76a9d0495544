package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker cp}, {@code export}, {@code diff} and {@code commit} with the stock CLI on a real berthd. */
@Tag("integration")
class ContainerFilesCompatibilityTest {
    private static BusyboxDaemon daemon;
    static DockerCli docker;
    @TempDir
    static Path tmp;

    /**
     * One daemon per class: JUnit runs this for subclasses too (a static method of the same name in a subclass
     * does not hide it), so the storage driver is chosen here by the class under test.
     */
    @BeforeAll
    static void start(org.junit.jupiter.api.TestInfo info) throws IOException {
        boolean vfs = info.getTestClass().map(ContainerFilesOnVfsCompatibilityTest.class::isAssignableFrom).orElse(false);
        daemon = vfs ? BusyboxDaemon.start(tmp, "--storage-driver", "vfs") : BusyboxDaemon.start(tmp);
        docker = daemon.docker();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** A detached container that stays up until removed; `sleep` is bounded so nothing outlives the test. */
    private static String running(String name) {
        docker.run("run", "-d", "--name", name, "busybox", "sleep", "300").check();
        return name;
    }

    private static String stopped(String name, String script) {
        docker.run("run", "--name", name, "busybox", "sh", "-c", script).check();
        return name;
    }

    private static void remove(String name) {
        docker.run("rm", "-f", name);
    }

    /**
     * {@code docker cp SRC -} with stdout in a file: the tar is binary, which {@link DockerCli} would
     * read as text. Bounded like DockerCli: killed after a minute.
     */
    private static Path cpToStdout(String src) throws Exception {
        Path out = tmp.resolve("stdout-" + System.nanoTime() + ".tar");
        Process p = new ProcessBuilder("docker", "-H", daemon.berthd().host(), "cp", src, "-")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("docker cp " + src + " - timed out");
        }
        assertEquals(0, p.exitValue());
        return out;
    }

    @Test
    void cp_a_file_into_and_out_of_a_running_container() throws IOException {
        String c = running("cp-run");
        try {
            Path in = Files.writeString(tmp.resolve("in.txt"), "payload\n");
            docker.run("cp", in.toString(), c + ":/root/").check();
            Path out = tmp.resolve("out-run");
            Files.createDirectories(out);
            docker.run("cp", c + ":/root/in.txt", out.resolve("back.txt").toString()).check();
            assertEquals("payload\n", Files.readString(out.resolve("back.txt")));
            docker.run("cp", in.toString(), c + ":/root/renamed.txt").check();
            docker.run("cp", c + ":/root/renamed.txt", out.toString()).check();
            assertEquals("payload\n", Files.readString(out.resolve("renamed.txt")));
        } finally {
            remove(c);
        }
    }

    @Test
    void cp_directories_both_ways_on_a_stopped_container() throws IOException {
        String c = stopped("cp-stopped", "mkdir -p /srv/site/sub && echo a > /srv/site/a && echo b > /srv/site/sub/b");
        try {
            Path out = tmp.resolve("out-stopped");
            Files.createDirectories(out);
            docker.run("cp", c + ":/srv/site", out.toString()).check();
            assertEquals("a\n", Files.readString(out.resolve("site/a")));
            assertEquals("b\n", Files.readString(out.resolve("site/sub/b")));
            Path dir = Files.createDirectories(tmp.resolve("upload/deep"));
            Files.writeString(dir.resolve("f"), "up\n");
            docker.run("cp", tmp.resolve("upload").toString(), c + ":/srv/").check();
            docker.run("cp", c + ":/srv/upload/deep/f", out.resolve("f").toString()).check();
            assertEquals("up\n", Files.readString(out.resolve("f")));
            assertEquals("exited", docker.run("inspect", "-f", "{{.State.Status}}", c).check().stdout().strip());
        } finally {
            remove(c);
        }
    }

    @Test
    void cp_dash_streams_tars_both_ways() throws Exception {
        String c = running("cp-dash");
        try {
            byte[] tar = tarOf("streamed.txt", "via stdin\n");
            docker.runWithStdin(tar, "cp", "-", c + ":/tmp").check();
            Path out = cpToStdout(c + ":/tmp/streamed.txt");
            List<String> names = new ArrayList<>();
            String content = null;
            try (TarArchiveInputStream t = new TarArchiveInputStream(Files.newInputStream(out))) {
                for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                    names.add(e.getName());
                    content = new String(t.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            assertEquals(List.of("streamed.txt"), names);
            assertEquals("via stdin\n", content);
        } finally {
            remove(c);
        }
    }

    @Test
    void cp_from_a_missing_path_is_dockers_error() {
        String c = running("cp-missing");
        try {
            DockerCli.Result r = docker.run("cp", c + ":/nonexistent", tmp.toString());
            assertNotEquals(0, r.exitCode());
            assertTrue(r.stderr().contains("Could not find the file /nonexistent in container cp-missing"), r.describe());
        } finally {
            remove(c);
        }
    }

    @Test
    void cp_follows_symlinks_inside_the_container_not_on_the_host() throws IOException {
        String c = stopped("cp-link", "mkdir -p /data && echo inside > /data/secret && ln -s /data /link");
        try {
            Path out = tmp.resolve("out-link");
            Files.createDirectories(out);
            docker.run("cp", c + ":/link/secret", out.toString()).check();
            assertEquals("inside\n", Files.readString(out.resolve("secret")));
        } finally {
            remove(c);
        }
    }

    @Test
    void cp_into_a_read_only_rootfs_is_refused() throws IOException {
        docker.run("run", "-d", "--read-only", "--name", "cp-ro", "busybox", "sleep", "300").check();
        try {
            Path in = Files.writeString(tmp.resolve("ro.txt"), "x");
            DockerCli.Result r = docker.run("cp", in.toString(), "cp-ro:/tmp/");
            assertNotEquals(0, r.exitCode());
            assertTrue(r.stderr().contains("container rootfs is marked read-only"), r.describe());
        } finally {
            remove("cp-ro");
        }
    }

    @Test
    void cp_into_a_volume_of_a_running_container_lands_in_the_volume_and_copies_back_out_of_it() throws IOException {
        Path host = Files.createDirectories(tmp.resolve("bind"));
        docker.run("run", "-d", "-v", host + ":/mnt/bind", "--name", "cp-vol", "busybox", "sleep", "300").check();
        try {
            Path in = Files.writeString(tmp.resolve("vol.txt"), "to volume\n");
            docker.run("cp", in.toString(), "cp-vol:/mnt/bind/").check();
            assertEquals("to volume\n", Files.readString(host.resolve("vol.txt")));
            Path out = Files.createDirectories(tmp.resolve("out-vol-" + System.nanoTime()));
            docker.run("cp", "cp-vol:/mnt", out.toString()).check();
            assertEquals("to volume\n", Files.readString(out.resolve("mnt/bind/vol.txt")));
        } finally {
            remove("cp-vol");
        }
    }

    @Test
    void cp_archive_mode_owns_the_files_by_the_containers_user() throws Exception {
        docker.run("run", "--user", "1234:5678", "--name", "cp-owner", "busybox", "true").check();
        try {
            Path in = Files.writeString(tmp.resolve("owned.txt"), "mine\n");
            docker.run("cp", "-a", in.toString(), "cp-owner:/tmp/").check();
            try (TarArchiveInputStream t = new TarArchiveInputStream(Files.newInputStream(cpToStdout("cp-owner:/tmp/owned.txt")))) {
                TarArchiveEntry e = t.getNextEntry();
                assertEquals("owned.txt", e.getName());
                assertEquals(1234, e.getLongUserId());
                assertEquals(5678, e.getLongGroupId());
            }
        } finally {
            remove("cp-owner");
        }
    }

    @Test
    void export_is_a_tar_of_the_whole_file_system() throws IOException {
        String c = stopped("exp", "echo exported > /exported.txt && rm /bin/true");
        try {
            Path out = tmp.resolve("export.tar");
            docker.run("export", "-o", out.toString(), c).check();
            List<String> names = new ArrayList<>();
            try (TarArchiveInputStream t = new TarArchiveInputStream(Files.newInputStream(out))) {
                for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            assertTrue(names.contains("exported.txt"), names.toString());
            assertTrue(names.contains("bin/sh"), names.toString());
            assertFalse(names.contains("bin/true"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains(".wh.")), names.toString());
            assertTrue(eventActions(c).contains("export"), eventActions(c).toString());
        } finally {
            remove(c);
        }
    }

    @Test
    void diff_lists_added_changed_and_deleted_paths() {
        String c = stopped("difc", "mkdir -p /newdir && echo x > /newdir/file && rm /bin/true");
        try {
            List<String> lines = docker.run("diff", c).check().stdout().lines().toList();
            assertTrue(lines.contains("A /newdir"), lines.toString());
            assertTrue(lines.contains("A /newdir/file"), lines.toString());
            assertTrue(lines.contains("C /bin"), lines.toString());
            assertTrue(lines.contains("D /bin/true"), lines.toString());
        } finally {
            remove(c);
        }
    }

    @Test
    void commit_makes_an_image_with_the_file_the_env_and_the_history() {
        String c = stopped("comc", "echo committed > /committed.txt && rm /bin/true");
        try {
            String id = docker.run("commit", "-m", "a message", "-a", "an author", "-c", "ENV X=1", c, "committed:v1")
                    .check().stdout().strip();
            assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
            assertTrue(eventActions(c).contains("commit"), eventActions(c).toString());
            DockerCli.Result r = docker.run("run", "--rm", "committed:v1", "sh", "-c",
                    "cat /committed.txt; echo X=$X; test -e /bin/true && echo still-there || echo gone");
            assertEquals("committed\nX=1\ngone\n", r.check().stdout());
            assertEquals("an author|a message", docker.run("inspect", "-f", "{{.Author}}|{{.Comment}}", "committed:v1")
                    .check().stdout().strip());
            String history = docker.run("history", "--no-trunc", "--format", "{{.Comment}}", "committed:v1").check().stdout();
            assertTrue(history.lines().findFirst().orElse("").contains("a message"), history);
            String env = docker.run("inspect", "-f", "{{json .Config.Env}} {{json .Config.Cmd}}", "committed:v1")
                    .check().stdout().strip();
            assertTrue(env.startsWith("[\"X=1\"") && env.endsWith("[\"sh\",\"-c\",\"echo committed > /committed.txt && rm /bin/true\"]"),
                    env);
        } finally {
            remove(c);
            docker.run("rmi", "committed:v1");
        }
    }

    @Test
    void commit_without_pause_keeps_a_running_container_running() throws IOException {
        String c = running("compause");
        try {
            docker.run("cp", Files.writeString(tmp.resolve("p.txt"), "p").toString(), c + ":/tmp/").check();
            String id = docker.run("commit", "--pause=false", c).check().stdout().strip();
            assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
            assertEquals("running", docker.run("inspect", "-f", "{{.State.Status}}", c).check().stdout().strip());
            String paused = docker.run("commit", c).check().stdout().strip();
            assertTrue(paused.matches("sha256:[0-9a-f]{64}"), paused);
            assertEquals("running false", docker.run("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", c)
                    .check().stdout().strip());
            docker.run("rmi", id);
            docker.run("rmi", paused);
        } finally {
            remove(c);
        }
    }

    /** The container's events so far (bounded by {@code --until}, so the CLI returns). */
    private static List<String> eventActions(String container) {
        long now = System.currentTimeMillis() / 1000 + 1;
        return docker.run("events", "--since", "0", "--until", Long.toString(now), "--filter", "container=" + container,
                "--format", "{{.Action}}").check().stdout().lines().toList();
    }

    private static byte[] tarOf(String name, String content) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(data.length);
            e.setMode(0644);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
