package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.TestBridge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Testcontainers' exposed ports and networks with aliases against a berthd with a default bridge. */
@Tag("integration")
class TestcontainersNetworkTest {
    @TempDir
    Path tmp;

    @Test
    void exposed_ports_and_network_aliases_work() throws Exception {
        Path rootfs = tmp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        try (TestBridge bridge = TestBridge.create(); BerthdProcess berthd = BerthdProcess.start(bridge.daemonArgs());
             DockerCli docker = new DockerCli(berthd.host())) {
            docker.run("import", "-c", "CMD [\"sh\"]", rootfs.toString(), "busybox:latest").check();
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TestcontainersNetworkProbe.class.getName()))
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
            for (String step : List.of("start", "mapped-port", "alias", "cleanup")) {
                assertTrue(text.contains("ok " + step), text);
            }
            assertEquals("", docker.run("ps", "-aq").check().stdout().strip(), () -> "stopped and removed: "
                    + docker.run("ps", "-a").stdout() + text + "\n--- berthd log ---\n" + berthd.logTail());
            assertEquals("bridge\nhost\nnone", docker.run("network", "ls", "--format", "{{.Name}}").check().stdout().strip(),
                    "the test network is gone");
        }
    }
}
