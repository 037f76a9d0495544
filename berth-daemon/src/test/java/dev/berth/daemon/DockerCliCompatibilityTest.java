package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock docker CLI against a real berthd on a temporary socket and data-root. */
@Tag("integration")
class DockerCliCompatibilityTest {
    private static BerthdProcess berthd;
    private static DockerCli docker;
    private static Path rootfs;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        berthd = BerthdProcess.start();
        docker = new DockerCli(berthd.host());
        rootfs = tmp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
    }

    @AfterAll
    static void stop() {
        if (docker != null) {
            docker.close();
        }
        if (berthd != null) {
            berthd.close();
        }
    }

    private static String importImage(String name, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("import"));
        args.addAll(List.of(extra));
        args.add(rootfs.toString());
        args.add(name);
        return docker.run(args.toArray(String[]::new)).check().stdout().strip();
    }

    @Test
    void version_shows_berth_server_with_api_range() {
        String out = docker.run("version").check().stdout();
        assertTrue(out.contains("Server: berth"), out);
        assertTrue(out.contains("API version:      1.50 (minimum version 1.24)"), out);
        assertEquals("1.50", docker.run("version", "--format", "{{.Server.APIVersion}}").check().stdout().strip());
    }

    @Test
    void info_reports_driver_data_root_and_cgroups() {
        String out = docker.run("info").check().stdout();
        assertTrue(out.contains("Storage Driver: overlay2") || out.contains("Storage Driver: vfs"), out);
        assertTrue(out.contains("Docker Root Dir: " + berthd.dataRoot()), out);
        assertTrue(out.contains("Cgroup Driver: cgroupfs"), out);
        assertTrue(docker.run("info", "--format", "{{.MemTotal}}").check().stdout().strip().matches("[1-9]\\d+"));
    }

    @Test
    void import_applies_changes_and_lists_the_image() {
        String id = importImage("compat-import:v1", "-c", "CMD [\"sh\"]", "-c", "ENV A=1 B=two", "-c", "WORKDIR /tmp",
                "-c", "EXPOSE 80/udp", "-c", "LABEL team=berth", "-m", "from the test");
        assertTrue(id.matches("sha256:[a-f0-9]{64}"), id);
        assertEquals("[sh]", docker.run("image", "inspect", "-f", "{{.Config.Cmd}}", "compat-import:v1").check().stdout().strip());
        assertEquals("[A=1 B=two]", docker.run("image", "inspect", "-f", "{{.Config.Env}}", "compat-import:v1").check().stdout().strip());
        assertEquals("/tmp map[80/udp:{}] berth from the test", docker.run("image", "inspect", "-f",
                "{{.Config.WorkingDir}} {{.Config.ExposedPorts}} {{.Config.Labels.team}} {{.Comment}}", "compat-import:v1")
                .check().stdout().strip());
        String images = docker.run("images", "compat-import").check().stdout();
        assertTrue(images.startsWith("REPOSITORY      TAG       IMAGE ID       CREATED"), images);
        assertTrue(images.contains("compat-import   v1        " + id.substring(7, 19)), images);
        assertEquals(id.substring(7, 19), docker.run("images", "-q", "--filter", "label=team=berth").check().stdout().strip());
    }

    @Test
    void same_tarball_twice_shares_one_layer() {
        importImage("compat-share:a");
        importImage("compat-share:b");
        String a = docker.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", "compat-share:a").check().stdout();
        String b = docker.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", "compat-share:b").check().stdout();
        assertEquals(a, b);
        docker.run("rmi", "compat-share:a").check();
        assertEquals(a, docker.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", "compat-share:b").check().stdout());
    }

    @Test
    void tag_and_rmi_untag_before_deleting() {
        String id = importImage("compat-tag:one");
        docker.run("tag", "compat-tag:one", "compat-tag:two").check();
        docker.run("tag", id, "localhost:5999/compat/tag").check();
        assertEquals("Untagged: compat-tag:one", docker.run("rmi", "compat-tag:one").check().stdout().strip());
        String conflict = docker.run("rmi", id.substring(7, 19)).stderr();
        assertTrue(conflict.contains("(must be forced) - image is referenced in multiple repositories"), conflict);
        String out = docker.run("rmi", "-f", id.substring(7, 19)).check().stdout();
        assertTrue(out.contains("Untagged: compat-tag:two"), out);
        assertTrue(out.contains("Untagged: localhost:5999/compat/tag:latest"), out);
        assertTrue(out.contains("Deleted: " + id), out);
        DockerCli.Result missing = docker.run("image", "inspect", id);
        assertEquals(1, missing.exitCode());
        assertEquals("[]", missing.stdout().strip());
        assertTrue(missing.stderr().contains("No such image"), missing.stderr());
    }

    @Test
    void history_shows_the_import_step() {
        String id = importImage("compat-history", "-m", "imported here");
        String out = docker.run("history", "--no-trunc", "compat-history").check().stdout();
        assertTrue(out.contains(id), out);
        assertTrue(out.contains("imported here"), out);
    }

    @Test
    void save_and_load_round_trip_keeps_the_id() throws IOException {
        String id = importImage("compat-save:v1", "-c", "CMD [\"true\"]");
        Path archive = tmp.resolve("save.tar");
        docker.run("save", "-o", archive.toString(), "compat-save:v1").check();
        docker.run("rmi", "compat-save:v1").check();
        assertFalse(docker.run("images", "-q", "--no-trunc").check().stdout().contains(id));
        String loaded = docker.run("load", "-i", archive.toString()).check().stdout();
        assertEquals("Loaded image: compat-save:v1", loaded.strip());
        assertEquals(id, docker.imageId("compat-save:v1"));
        assertTrue(Files.size(archive) > Files.size(rootfs));
    }

    @Test
    void image_prune_removes_dangling_only_unless_all() {
        String keep = importImage("compat-prune:keep");
        String dangling = importImage("compat-prune:gone", "-c", "ENV DANGLING=1");
        docker.run("tag", "compat-prune:keep", "compat-prune:gone").check();
        String out = docker.run("image", "prune", "-f").check().stdout();
        assertTrue(out.contains("deleted: " + dangling), out);
        assertTrue(docker.run("images", "-q", "--no-trunc").check().stdout().contains(keep));
    }

    @Test
    void events_replay_image_actions_with_filters() {
        long since = System.currentTimeMillis() / 1000 - 1;
        String id = importImage("compat-events");
        String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
        String out = docker.run("events", "--since", Long.toString(since), "--until", until,
                "--filter", "type=image", "--filter", "event=tag").check().stdout();
        assertTrue(out.contains("image tag " + id + " (name=compat-events:latest)"), out);
        assertFalse(out.contains(" import "), out);
        String byName = docker.run("events", "--since", Long.toString(since), "--until", until,
                "--filter", "image=compat-events").check().stdout();
        assertTrue(byName.contains("image tag " + id), byName);
    }

    @Test
    void system_df_counts_images() {
        importImage("compat-df");
        String out = docker.run("system", "df").check().stdout();
        assertTrue(out.startsWith("TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE"), out);
        assertTrue(out.contains("Images"), out);
    }

    @Test
    void bad_input_gives_docker_errors_and_changes_nothing() throws IOException {
        String before = docker.run("images", "-a", "-q", "--no-trunc").check().stdout();
        DockerCli.Result rmi = docker.run("rmi", "compat-nothing");
        assertEquals(1, rmi.exitCode());
        assertEquals("Error response from daemon: No such image: compat-nothing:latest", rmi.stderr().strip());
        DockerCli.Result change = docker.run("import", "-c", "RUN echo hi", rootfs.toString(), "compat-bad");
        assertEquals(1, change.exitCode());
        assertTrue(change.stderr().contains("RUN is not a valid change command"), change.stderr());
        Path evil = tmp.resolve("evil.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(evil))) {
            TarArchiveEntry e = new TarArchiveEntry("../escaped");
            byte[] body = "x".getBytes();
            e.setSize(body.length);
            tar.putArchiveEntry(e);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        DockerCli.Result escape = docker.run("import", evil.toString(), "compat-evil");
        assertEquals(1, escape.exitCode());
        assertTrue(escape.stderr().contains("escaped"), escape.stderr());
        DockerCli.Result tag = docker.run("tag", "compat-nothing", "x");
        assertEquals(1, tag.exitCode());
        assertEquals(before, docker.run("images", "-a", "-q", "--no-trunc").check().stdout());
        assertFalse(Files.exists(berthd.dataRoot().getParent().resolve("escaped")));
    }

    @Test
    void images_survive_a_restart() throws IOException {
        String id = importImage("compat-restart");
        berthd.restart();
        assertEquals(id, docker.imageId("compat-restart"));
        assertNotEquals("", docker.run("version").check().stdout());
    }
}
