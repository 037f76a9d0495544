package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootLockTest {
    @TempDir
    Path root;

    @Test
    void records_the_owner_pid_and_can_be_taken_again_after_release() throws IOException {
        try (DataRootLock lock = DataRootLock.acquire(root)) {
            assertEquals(root, lock.dataRoot());
            assertEquals(Long.toString(ProcessHandle.current().pid()),
                    Files.readString(root.resolve("berthd.lock")).trim());
        }
        DataRootLock.acquire(root).close();
    }

    @Test
    void refuses_a_second_lock_in_the_same_process() throws IOException {
        try (DataRootLock first = DataRootLock.acquire(root)) {
            assertEquals(root, first.dataRoot());
            ConfigException e = assertThrows(ConfigException.class, () -> DataRootLock.acquire(root));
            assertTrue(e.getMessage().startsWith("data-root " + root + " is in use by another berthd (pid "
                    + ProcessHandle.current().pid()), e.getMessage());
        }
    }

    @Test
    void refuses_while_another_process_holds_it_and_names_that_pid() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), root.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked " + root, lines.readLine());
            ConfigException e = assertThrows(ConfigException.class, () -> DataRootLock.acquire(root));
            assertEquals("data-root " + root + " is in use by another berthd (pid " + holder.pid() + "): "
                    + root.resolve("berthd.lock") + " is locked; give each daemon its own --data-root", e.getMessage());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
        }
        DataRootLock.acquire(root).close();
    }
}
