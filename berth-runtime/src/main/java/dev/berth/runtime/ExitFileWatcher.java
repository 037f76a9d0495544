package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Waits for conmon's exit file. inotify (a {@link WatchService}) rather than polling: a short
 * container's exit is seen at once, which polling would trade for latency or CPU; conmon writes
 * the file by rename, so its appearance means its content is complete. While waiting, conmon's
 * pid is checked once a second, so a monitor that died without writing the file is reported
 * instead of waited for forever.
 */
final class ExitFileWatcher {
    private static final long LIVENESS_CHECK_MILLIS = 1000;

    private ExitFileWatcher() {
    }

    /** True once {@code exitFile} exists; false when {@code timeoutMillis} (0 = forever) passed first. */
    static boolean await(Path exitFile, long timeoutMillis, OptionalInt conmonPid) throws IOException, InterruptedException {
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try (WatchService watcher = exitFile.getFileSystem().newWatchService()) {
            exitFile.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                if (Files.exists(exitFile)) {
                    return true;
                }
                if (!alive(conmonPid)) {
                    if (Files.exists(exitFile)) {
                        return true;
                    }
                    throw new IOException("conmon " + (conmonPid.isPresent() ? conmonPid.getAsInt() + " " : "")
                            + "is gone without writing " + exitFile);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                WatchKey key = watcher.poll(Math.min(left, LIVENESS_CHECK_MILLIS), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private static boolean alive(OptionalInt pid) {
        return ConmonProcess.of(pid).running();
    }
}
