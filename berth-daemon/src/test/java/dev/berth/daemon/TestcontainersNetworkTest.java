package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.TestBridge;
import java.nio.file.Path;
import java.util.List;
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
        try (TestBridge bridge = TestBridge.create(); BusyboxDaemon daemon = BusyboxDaemon.start(tmp, bridge.daemonArgs())) {
            BerthdProcess berthd = daemon.berthd();
            DockerCli docker = daemon.docker();
            TestcontainersProbeRun probe = TestcontainersProbeRun.of(TestcontainersNetworkProbe.class, berthd.host(), tmp);
            String text = probe.log();
            assertTrue(probe.finished(), "probe timed out:\n" + text);
            assertEquals(0, probe.exitCode(), text + "\n--- berthd log ---\n" + berthd.logTail());
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
