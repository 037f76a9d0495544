package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.ReferenceDockerd;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images move between berthd and Debian's dockerd through save and load, both ways, keeping their IDs:
 * our archive is one dockerd reads, and dockerd's legacy archive is one we read.
 */
@Tag("integration")
class ArchiveExchangeWithDockerdTest {
    @TempDir
    Path tmp;

    @Test
    void save_and_load_cross_between_berthd_and_dockerd() throws Exception {
        Path rootfs = tmp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        try (BerthdProcess berthd = BerthdProcess.start();
             ReferenceDockerd dockerd = ReferenceDockerd.start();
             DockerCli toBerth = new DockerCli(berthd.host());
             DockerCli toDocker = new DockerCli(dockerd.host())) {
            String ours = toBerth.run("import", "-c", "CMD [\"sh\"]", rootfs.toString(), "exchange:berth").check().stdout().strip();
            Path fromBerth = tmp.resolve("from-berth.tar");
            toBerth.run("save", "-o", fromBerth.toString(), "exchange:berth").check();
            assertTrue(toDocker.run("load", "-i", fromBerth.toString()).check().stdout().contains("exchange:berth"));
            assertEquals(ours, toDocker.imageId("exchange:berth"));

            String theirs = toDocker.run("import", "-c", "ENV FROM=dockerd", rootfs.toString(), "exchange:dockerd")
                    .check().stdout().strip();
            Path fromDocker = tmp.resolve("from-dockerd.tar");
            toDocker.run("save", "-o", fromDocker.toString(), "exchange:dockerd").check();
            assertTrue(toBerth.run("load", "-i", fromDocker.toString()).check().stdout().contains("exchange:dockerd"));
            assertEquals(theirs, toBerth.imageId("exchange:dockerd"));
            assertEquals("[FROM=dockerd]", toBerth.run("image", "inspect", "-f", "{{.Config.Env}}", "exchange:dockerd")
                    .check().stdout().strip());
            assertEquals(toDocker.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", "exchange:dockerd").check().stdout(),
                    toBerth.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", "exchange:dockerd").check().stdout());
        }
    }

    @Test
    void loads_oci_archives_written_by_skopeo_plain_and_gzipped() throws Exception {
        Path rootfs = tmp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        try (BerthdProcess berthd = BerthdProcess.start(); DockerCli docker = new DockerCli(berthd.host())) {
            docker.run("import", rootfs.toString(), "skopeo-src:v1").check();
            Path saved = tmp.resolve("saved.tar");
            docker.run("save", "-o", saved.toString(), "skopeo-src:v1").check();
            Path oci = tmp.resolve("oci.tar");
            Path ociGz = tmp.resolve("oci-gz.tar");
            skopeo("copy", "-q", "docker-archive:" + saved, "oci-archive:" + oci + ":registry.test/oci/plain:v2");
            skopeo("copy", "-q", "--dest-compress", "docker-archive:" + saved, "oci-archive:" + ociGz + ":gz");
            assertEquals("Loaded image: registry.test/oci/plain:v2",
                    docker.run("load", "-i", oci.toString()).check().stdout().strip());
            String gz = docker.run("load", "-i", ociGz.toString()).check().stdout().strip();
            assertTrue(gz.startsWith("Loaded image ID: sha256:"), gz);
            assertEquals(docker.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", "skopeo-src:v1").check().stdout(),
                    docker.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", gz.substring("Loaded image ID: ".length()))
                            .check().stdout());
        }
    }

    private static void skopeo(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("skopeo"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
