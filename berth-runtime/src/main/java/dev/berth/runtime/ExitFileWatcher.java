package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Waits for conmon's exit files. inotify (a {@link WatchService}) rather than polling: a short
 * container's exit is seen at once, which polling would trade for latency or CPU; conmon writes
 * the file by rename, so its appearance means its content is complete. While waiting, conmon's
 * pid is checked once a second, so a monitor that died without writing the file is reported
 * instead of waited for forever.
 *
 * <p>One watch service serves the whole process, and it is never closed: closing an inotify
 * descriptor waits for an RCU grace period in the kernel, often 10–25 ms here, which a watcher per
 * wait would add to every {@code docker exec} and every container exit. A directory is watched
 * while somebody waits on a file in it (conmon renames its exit file into place, which inotify
 * reports as a create).
 */
final class ExitFileWatcher {
    private static final long LIVENESS_CHECK_MILLIS = 1000;
    private static final Object LOCK = new Object();
    private static WatchService service; // guarded by LOCK, made on first use
    private static final Map<Path, Watched> WATCHED = new HashMap<>(); // guarded by LOCK

    /** A watched directory: its key and how many callers wait on files in it. */
    private static final class Watched {
        final WatchKey key;
        int waiters;

        Watched(WatchKey key) {
            this.key = key;
        }
    }

    private ExitFileWatcher() {
    }

    /** True once {@code exitFile} exists; false when {@code timeoutMillis} (0 = forever) passed first. */
    static boolean await(Path exitFile, long timeoutMillis, OptionalInt conmonPid) throws IOException, InterruptedException {
        if (Files.exists(exitFile)) {
            return true;
        }
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Path dir = exitFile.toAbsolutePath().getParent();
        synchronized (LOCK) {
            watch(dir);
            try {
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
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    // woken by every event in a watched directory; rounded up, so the timeout is never cut short
                    LOCK.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, LIVENESS_CHECK_MILLIS));
                }
            } finally {
                unwatch(dir);
            }
        }
    }

    /** Registers {@code dir} (caller holds LOCK); starts the service and its dispatcher on first use. */
    private static void watch(Path dir) throws IOException {
        if (service == null) {
            service = FileSystems.getDefault().newWatchService();
            WatchService s = service;
            Thread.ofPlatform().daemon().name("exit-file-watcher").start(() -> dispatch(s));
        }
        Watched w = WATCHED.get(dir);
        if (w == null || !w.key.isValid()) {
            w = new Watched(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE));
            WATCHED.put(dir, w);
        }
        w.waiters++;
    }

    private static void unwatch(Path dir) {
        Watched w = WATCHED.get(dir);
        if (w != null && --w.waiters == 0) {
            WATCHED.remove(dir);
            w.key.cancel();
        }
    }

    /** Wakes the waiters after each batch of events; they each look for their own file. */
    private static void dispatch(WatchService s) {
        try {
            while (true) {
                WatchKey key = s.take();
                key.pollEvents();
                key.reset();
                synchronized (LOCK) {
                    LOCK.notifyAll();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // the process is ending
        }
    }

    private static boolean alive(OptionalInt pid) {
        return ConmonProcess.of(pid).running();
    }
}
