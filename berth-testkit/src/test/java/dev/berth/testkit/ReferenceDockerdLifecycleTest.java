package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ReferenceDockerdLifecycleTest {
    @Test
    void stops_on_sigterm_with_its_containerd_and_leaves_nothing_behind() throws IOException {
        ReferenceDockerd dockerd = ReferenceDockerd.start();
        Path dir = dockerd.socket().getParent();
        var helpers = ProcessHandle.of(dockerd.pid()).orElseThrow().descendants().toList();

        assertEquals(0, dockerd.stop(), dockerd.logTail());
        dockerd.close();

        assertFalse(dockerd.isAlive());
        assertTrue(helpers.stream().noneMatch(ProcessHandle::isAlive), "containerd outlived dockerd");
        assertTrue(dockerd.mounts().isEmpty(), dockerd.mounts().toString());
        assertFalse(Files.exists(dir));
    }
}
