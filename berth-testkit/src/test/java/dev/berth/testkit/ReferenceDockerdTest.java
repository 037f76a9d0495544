package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One dockerd for the class: starting it costs seconds on a shared machine. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceDockerdTest {
    @TempDir
    Path tmp;

    private ReferenceDockerd dockerd;
    private DockerCli docker;

    @BeforeAll
    void start() throws IOException {
        dockerd = ReferenceDockerd.start();
        docker = new DockerCli(dockerd.host());
    }

    @AfterAll
    void stop() {
        docker.close();
        dockerd.close();
    }

    @Test
    void answers_docker_version_as_debians_dockerd() {
        DockerCli.Result version = docker.run("version", "--format", "{{.Server.Version}}").check();
        assertTrue(version.stdout().startsWith("20.10"), version.describe());
    }

    @Test
    void imports_the_busybox_rootfs_as_a_layer_whose_diff_id_is_the_tar_digest() throws IOException {
        Path tar = tmp.resolve("busybox.tar");
        BusyboxRootfs.writeTar(tar);

        docker.runWithStdin(tar, "import", "-", "busybox:ref").check();

        String diffIds = docker.run("image", "inspect", "--format", "{{json .RootFS.Layers}}", "busybox:ref")
                .check().stdout().strip();
        assertEquals("[\"" + sha256(tar) + "\"]", diffIds);
        assertTrue(docker.run("images", "--format", "{{.Repository}}:{{.Tag}}").check().stdout()
                .lines().anyMatch("busybox:ref"::equals));
    }

    @Test
    void imports_a_tar_given_as_stdin_bytes() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new DeterministicTar().directory("etc", 0755).file("etc/hostname", 0644, "ref\n".getBytes()).writeTo(tar);

        docker.runWithStdin(tar.toByteArray(), "import", "-", "tiny:ref").check();

        assertEquals("[\"" + Digest.sha256(tar.toByteArray()) + "\"]", docker
                .run("image", "inspect", "--format", "{{json .RootFS.Layers}}", "tiny:ref").check().stdout().strip());
    }

    @Test
    void throws_when_the_cli_outlives_its_timeout() {
        try (DockerCli impatient = new DockerCli(dockerd.host(), Duration.ofMillis(1))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> impatient.run("version"));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
    }

    @Test
    void fails_with_the_daemons_message_for_an_unknown_image() {
        DockerCli.Result r = docker.run("image", "inspect", "no-such-image:here");
        assertFalse(r.succeeded());
        assertTrue(r.stderr().contains("No such image"), r.describe());
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Digest.sha256(in).toString();
        }
    }
}
