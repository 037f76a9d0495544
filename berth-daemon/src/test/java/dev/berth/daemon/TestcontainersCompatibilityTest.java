package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.nio.file.Path;
import java.util.List;
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
        try (BusyboxDaemon daemon = BusyboxDaemon.start(tmp)) {
            BerthdProcess berthd = daemon.berthd();
            DockerCli docker = daemon.docker();
            TestcontainersProbeRun probe = TestcontainersProbeRun.of(TestcontainersProbe.class, berthd.host(), tmp);
            String text = probe.log();
            assertTrue(probe.finished(), "probe timed out:\n" + text);
            assertEquals(0, probe.exitCode(), text + "\n--- berthd log ---\n" + berthd.logTail());
            for (String step : List.of("start", "exec", "copy", "logs", "stop")) {
                assertTrue(text.contains("ok " + step), text);
            }
            assertEquals("", docker.run("ps", "-q").check().stdout().strip(), "stopped and removed");
        }
    }
}
