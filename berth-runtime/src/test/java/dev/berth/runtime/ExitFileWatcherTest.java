package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared exit-file watcher, with a stand-in "conmon" (a copy of sleep by that name) as the monitor it checks. */
class ExitFileWatcherTest {
    @TempDir
    Path tmp;
    private Process conmon;

    @BeforeEach
    void startStandIn() throws IOException {
        Path binary = tmp.resolve("conmon");
        Files.copy(Path.of("/bin/sleep"), binary);
        binary.toFile().setExecutable(true);
        conmon = new ProcessBuilder(binary.toString(), "60").start();
    }

    @AfterEach
    void stopStandIn() {
        conmon.destroyForcibly();
    }

    private OptionalInt conmonPid() {
        return OptionalInt.of((int) conmon.pid());
    }

    /** Writes as conmon does: a temporary name, then a rename into place. */
    private static void writeExit(Path exitFile, String code) throws IOException {
        Path temp = exitFile.resolveSibling(exitFile.getFileName() + ".tmp");
        Files.writeString(temp, code);
        Files.move(temp, exitFile, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void wakes_every_waiter_when_its_file_is_renamed_into_place() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path dir = Files.createDirectories(tmp.resolve("c" + i).resolve("exits"));
            files.add(dir.resolve("id" + i));
        }
        try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Path f : files) {
                results.add(waiters.submit(() -> ExitFileWatcher.await(f, 20_000, conmonPid())));
            }
            Thread.sleep(100); // let them register
            for (Path f : files) {
                writeExit(f, "0");
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void a_file_already_there_needs_no_monitor() throws Exception {
        Path exit = Files.createDirectories(tmp.resolve("exits")).resolve("id");
        writeExit(exit, "3");
        assertTrue(ExitFileWatcher.await(exit, 1, OptionalInt.empty()));
    }

    @Test
    void returns_false_when_the_timeout_passes_first() throws Exception {
        Path exit = Files.createDirectories(tmp.resolve("exits")).resolve("id");
        long t0 = System.nanoTime();
        assertFalse(ExitFileWatcher.await(exit, 200, conmonPid()));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void reports_a_monitor_gone_without_writing_the_file() throws Exception {
        Path exit = Files.createDirectories(tmp.resolve("exits")).resolve("id");
        conmon.destroyForcibly().waitFor();
        IOException e = assertThrows(IOException.class, () -> ExitFileWatcher.await(exit, 20_000, conmonPid()));
        assertTrue(e.getMessage().contains("is gone without writing"), e.getMessage());
    }
}
