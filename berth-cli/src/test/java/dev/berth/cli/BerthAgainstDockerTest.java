package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.InProcessBerth.Run;
import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth and the stock docker CLI, run against the same real berthd, must print the same things. */
@Tag("integration")
class BerthAgainstDockerTest {
    private static BerthdProcess berthd;
    private static DockerCli docker;
    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws Exception {
        berthd = BerthdProcess.start();
        docker = new DockerCli(berthd.host());
        Path rootfs = temp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        Run imported = berth(Files.readAllBytes(rootfs), "import", "-c", "CMD [\"sh\"]", "-m", "from berth", "-", "it-busybox:latest");
        assertEquals(0, imported.status(), imported.err());
        assertTrue(imported.out().startsWith("sha256:"), imported.out());
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

    static Run berth(byte[] stdin, String... args) {
        return InProcessBerth.against(berthd.host(), stdin, Map.of(), args);
    }

    static Run berth(String... args) {
        return berth(new byte[0], args);
    }

    /** Runs both CLIs and compares exit status and stdout; stderr after replacing docker's name by berth's. */
    static void same(String... args) {
        Run ours = berth(args);
        DockerCli.Result theirs = docker.run(args);
        assertEquals(theirs.exitCode(), ours.status(), () -> "exit of " + String.join(" ", args) + "\n" + theirs.describe() + "\nberth: " + ours);
        assertEquals(theirs.stdout(), ours.out(), () -> String.join(" ", args));
        assertEquals(theirs.stderr().replace("docker", "berth").replace("Docker", "Berth"), ours.err(), () -> String.join(" ", args));
    }

    @Test
    void lists_images_like_docker() {
        berth("tag", "it-busybox", "it-busybox:v2");
        same("images", "--format", "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}\t{{.CreatedAt}}");
        same("images", "-q", "--no-trunc");
        same("image", "ls", "--digests", "--format", "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}");
        same("images", "--format", "{{.Repository}}:{{.Tag}}", "it-busybox");
        same("images", "-f", "dangling=true");
    }

    @Test
    void inspects_images_like_docker() {
        same("image", "inspect", "it-busybox");
        same("image", "inspect", "-f", "{{.Id}} {{json .Config.Cmd}}", "it-busybox");
        same("image", "inspect", "it-missing");
    }

    @Test
    void shows_history_like_docker() {
        same("history", "--no-trunc", "-H=false", "it-busybox");
        same("history", "-q", "it-busybox");
    }

    @Test
    void tags_and_removes_like_docker() {
        assertEquals(0, berth("tag", "it-busybox", "localhost:5999/it-copy").status());
        same("images", "--format", "{{.Repository}}:{{.Tag}}", "localhost:5999/it-copy");
        Run removed = berth("rmi", "localhost:5999/it-copy", "it-nothing");
        assertEquals(1, removed.status());
        assertEquals("Untagged: localhost:5999/it-copy:latest\n", removed.out());
        assertEquals("Error response from daemon: No such image: it-nothing:latest\n", removed.err());
        same("rmi", "it-nothing");
        same("tag", "it-nothing", "it-x");
    }

    @Test
    void saves_and_loads_an_image() throws Exception {
        Path archive = temp.resolve("saved.tar");
        Run saved = berth("save", "-o", archive.toString(), "it-busybox:latest");
        assertEquals(0, saved.status(), saved.err());
        assertTrue(Files.size(archive) > 0);
        Run loaded = berth(Files.readAllBytes(archive), "load");
        assertEquals(0, loaded.status(), loaded.err());
        assertTrue(loaded.out().contains("Loaded image: it-busybox:latest"), loaded.out());
        Run broken = berth("garbage\n".getBytes(StandardCharsets.UTF_8), "load");
        assertEquals(1, broken.status());
        assertTrue(!broken.err().isEmpty());
    }

    @Test
    void reports_system_like_docker() {
        same("system", "df");
        same("info", "--format", "{{.ServerVersion}} {{.Driver}} {{.Images}}");
        same("version", "--format", "{{.Server.Version}}");
        Run version = berth("version");
        String server = docker.run("version").check().stdout();
        assertEquals(server.substring(server.indexOf("Server:")), version.out().substring(version.out().indexOf("Server:")));
    }

    @Test
    void prunes_after_asking() {
        Run declined = berth("n\n".getBytes(StandardCharsets.UTF_8), "image", "prune");
        assertEquals(0, declined.status());
        assertEquals("WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ", declined.out());
        same("image", "prune", "-f");
    }

    @Test
    void fails_on_flags_like_docker() {
        same("images", "--bogus");
        same("image", "inspect");
        same("import");
        same("load", "extra");
    }
}
