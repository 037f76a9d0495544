package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drives the launcher with {@link PingOnlyDaemon}, a stand-in that only answers /_ping. */
class BerthdProcessTest {
    private static final String FAKE = PingOnlyDaemon.class.getName();

    @Test
    void starts_a_child_jvm_that_answers_ping_on_its_own_socket() throws IOException {
        try (BerthdProcess berthd = BerthdProcess.start(FAKE, List.of("--storage-driver", "vfs"))) {
            assertTrue(PingProbe.answers(berthd.socket(), Duration.ofSeconds(5)));
            assertEquals("unix://" + berthd.socket(), berthd.host());
            assertEquals(Long.toString(berthd.pid()), Files.readString(berthd.pidfile()));
            assertTrue(Files.isDirectory(berthd.dataRoot()));
            String log = Files.readString(berthd.log());
            assertTrue(log.contains("--config-file, " + berthd.configFile()), berthd.logTail());
            assertTrue(log.contains("--storage-driver, vfs"), berthd.logTail());
        }
    }

    @Test
    void stops_with_sigterm_and_restarts_on_the_same_dirs() throws IOException {
        try (BerthdProcess berthd = BerthdProcess.start(FAKE, List.of())) {
            long first = berthd.pid();
            berthd.stop();
            assertFalse(berthd.isAlive());
            assertFalse(PingProbe.answers(berthd.socket(), Duration.ofSeconds(1)));

            berthd.restart();

            assertNotEquals(first, berthd.pid());
            assertTrue(PingProbe.answers(berthd.socket(), Duration.ofSeconds(5)));
        }
    }

    @Test
    void kill_leaves_the_daemon_dead_until_restart() throws IOException {
        try (BerthdProcess berthd = BerthdProcess.start(FAKE, List.of())) {
            berthd.kill();
            assertFalse(berthd.isAlive());

            berthd.restart();

            assertTrue(berthd.isAlive());
        }
    }

    @Test
    void close_removes_the_temp_dir() throws IOException {
        Path dir;
        try (BerthdProcess berthd = BerthdProcess.start(FAKE, List.of())) {
            dir = berthd.socket().getParent();
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void reports_the_log_when_the_daemon_exits_before_answering() {
        IOException e = assertThrows(IOException.class, () -> BerthdProcess.start(FAKE, List.of("--fail-with", "3")));
        assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
        assertTrue(e.getMessage().contains("refusing to start as asked"), e.getMessage());
    }
}
