package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A conmon monitor known by pid only (it is not our child: it daemonized, and after a daemon restart
 * it never was). Liveness is read from {@code /proc/PID/stat}: the name must still be conmon (pids
 * are reused) and a zombie counts as gone, since its reaper, not us, decides when it disappears.
 */
record ConmonProcess(int pid) {
    private static final long POLL_MILLIS = 20;

    static ConmonProcess of(OptionalInt pid) {
        return new ConmonProcess(pid.orElse(-1));
    }

    boolean running() {
        if (pid <= 0) {
            return false;
        }
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        } catch (IOException e) {
            return false;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.length()) {
            return false;
        }
        String comm = stat.substring(open + 1, close);
        char state = stat.charAt(close + 2);
        return comm.equals("conmon") && state != 'Z' && state != 'X';
    }

    /**
     * Waits up to {@code limit} for conmon to end by itself, then kills it; a conmon this daemon adopted (see
     * {@link dev.berth.linux.ChildReaper}) is reaped at once rather than at the next sweep.
     */
    void stop(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        if (running()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (pid > 0) {
            dev.berth.linux.ChildReaper.reapIfExited(pid);
        }
    }
}
