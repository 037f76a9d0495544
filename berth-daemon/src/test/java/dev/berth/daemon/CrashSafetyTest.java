package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL at any moment: what was acknowledged survives, what was half-done leaves nothing. */
@Tag("integration")
class CrashSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void acknowledged_images_survive_sigkill_and_a_killed_import_leaves_nothing() throws Exception {
        Path rootfs = tmp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        try (BerthdProcess berthd = BerthdProcess.start(); DockerCli docker = new DockerCli(berthd.host())) {
            String id = docker.run("import", rootfs.toString(), "crash:acked").check().stdout().strip();
            docker.run("tag", "crash:acked", "crash:tagged").check();
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(berthd.socket()))) {
                OutputStream out = Channels.newOutputStream(ch);
                out.write(("POST /v1.50/images/create?fromSrc=-&repo=crash-half HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] half = Files.readAllBytes(rootfs);
                int n = half.length / 2;
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(half, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(500);
                berthd.kill();
            }
            berthd.restart();
            assertEquals(id, docker.imageId("crash:tagged"));
            assertEquals(java.util.Set.of(id.substring(7, 19)),
                    java.util.Set.copyOf(docker.run("images", "-q").check().stdout().strip().lines().toList()));
            try (Stream<Path> ingest = Files.list(berthd.dataRoot().resolve("content/ingest"))) {
                assertEquals(0, ingest.count(), "no half-written blob");
            }
            try (Stream<Path> blobs = Files.list(berthd.dataRoot().resolve("content/blobs/sha256"))) {
                assertEquals(2, blobs.count(), "the acknowledged config and layer only");
            }
            String driver = docker.run("info", "-f", "{{.Driver}}").check().stdout().strip();
            try (Stream<Path> meta = Files.list(berthd.dataRoot().resolve(driver).resolve("meta"))) {
                assertEquals(1, meta.filter(p -> !p.getFileName().toString().endsWith(".tmp")).count(),
                        "only the committed layer's snapshot is left");
            }
            assertTrue(docker.run("images", "crash-half").check().stdout().lines().count() == 1);
        }
    }
}
