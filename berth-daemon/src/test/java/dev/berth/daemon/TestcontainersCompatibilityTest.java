package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Testcontainers' GenericContainer against berthd: start, wait for a log line, exec, copy in and out, stop. */
@Tag("integration")
class TestcontainersCompatibilityTest {
    @TempDir
    Path tmp;

    @Test
    void generic_container_runs_against_berthd() throws Exception {
        Path rootfs = tmp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        try (BerthdProcess berthd = BerthdProcess.start(); DockerCli docker = new DockerCli(berthd.host())) {
            docker.run("import", "-c", "CMD [\"sh\"]", rootfs.toString(), "busybox:latest").check();
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TestcontainersProbe.class.getName()))
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("probe.log").toFile());
            pb.environment().put("DOCKER_HOST", berthd.host());
            pb.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
            pb.environment().put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
            pb.environment().put("HOME", tmp.toString());
            Process p = pb.start();
            boolean finished = p.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String text = java.nio.file.Files.readString(tmp.resolve("probe.log"));
            assertTrue(finished, "probe timed out:\n" + text);
            assertEquals(0, p.exitValue(), text + "\n--- berthd log ---\n" + berthd.logTail());
            for (String step : List.of("start", "exec", "copy", "logs", "stop")) {
                assertTrue(text.contains("ok " + step), text);
            }
            assertEquals("", docker.run("ps", "-q").check().stdout().strip(), "stopped and removed");
        }
    }
}
