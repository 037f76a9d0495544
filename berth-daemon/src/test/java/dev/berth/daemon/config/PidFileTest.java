package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writes_our_pid_and_removes_it_on_close() throws IOException {
        Path path = dir.resolve("run/berthd.pid");
        try (PidFile pidFile = PidFile.create(path)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(path));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertEquals(ProcessHandle.current().pid(), pidFile.pid());
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void refuses_when_the_file_names_a_live_berthd() throws Exception {
        // $0 puts "berthd" on the command line; the second command stops sh from exec'ing sleep
        Process fake = new ProcessBuilder("sh", "-c", "sleep 30; true", "berthd").start();
        try {
            Path path = dir.resolve("berthd.pid");
            Files.writeString(path, fake.pid() + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> PidFile.create(path));
            assertEquals("pid file found, ensure berthd is not running or delete " + path, e.getMessage());
            assertEquals(fake.pid() + "\n", Files.readString(path));
        } finally {
            fake.destroy();
            fake.waitFor();
        }
    }

    @Test
    void overwrites_a_stale_file_or_one_naming_another_program() throws Exception {
        Path path = dir.resolve("berthd.pid");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(path, other.pid() + "\n");
            PidFile.create(path).close();
        } finally {
            other.destroy();
            other.waitFor();
        }
        Files.writeString(path, other.pid() + "\n");
        try (PidFile pidFile = PidFile.create(path)) {
            assertEquals(Long.toString(pidFile.pid()), Files.readString(path).trim());
        }
        Files.writeString(path, "garbage");
        PidFile.create(path).close();
        assertFalse(PidFile.isLiveBerthd(other.pid()));
        assertTrue(PidFile.readPid(path).isEmpty());
    }
}
