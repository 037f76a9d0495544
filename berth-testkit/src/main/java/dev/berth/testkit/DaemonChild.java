package dev.berth.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One run of a daemon as a child process: stdout and stderr appended to a log file, started, then
 * polled with {@code GET /_ping} until it answers, and finally stopped with SIGTERM (or SIGKILL).
 * Failures carry the log, because a daemon that did not come up says why only there.
 */
final class DaemonChild {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_CHARS = 8000;

    private final Process process;
    private final Path log;

    private DaemonChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} and returns once {@code socket} answers a ping, or throws with the log. */
    static DaemonChild start(List<String> command, Path socket, Path log, Duration readyTimeout) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        DaemonChild child = new DaemonChild(p, log);
        child.awaitPing(socket, readyTimeout, command);
        return child;
    }

    private void awaitPing(Path socket, Duration timeout, List<String> command) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("daemon exited with " + process.exitValue() + " before answering /_ping: "
                        + String.join(" ", command) + "\n" + logTail());
            }
            if (Files.exists(socket) && PingProbe.answers(socket, Duration.ofSeconds(2))) {
                return;
            }
            pause(Duration.ofMillis(100));
        }
        kill();
        throw new IOException("daemon did not answer /_ping within " + timeout.toSeconds() + " s: "
                + String.join(" ", command) + "\n" + logTail());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits; escalates to SIGKILL if the daemon has not exited in 30 s. Returns its exit code. */
    int stop() {
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            kill();
        }
        return process.exitValue();
    }

    /**
     * SIGKILL for the daemon and for its helpers (dockerd's containerd), which would otherwise be orphaned; not
     * for container monitors (berthd adopts its conmons as subreaper), which outlive a daemon's crash.
     */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        Set<ProcessHandle> spared = new HashSet<>();
        descendants.stream().filter(DaemonChild::isConmon).forEach(m -> {
            spared.add(m);
            m.descendants().forEach(spared::add);
        });
        List<ProcessHandle> helpers = descendants.stream().filter(h -> !spared.contains(h)).toList();
        process.destroyForcibly();
        helpers.forEach(ProcessHandle::destroyForcibly);
        waitFor(STOP_TIMEOUT);
        helpers.forEach(h -> h.onExit().completeOnTimeout(h, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join());
    }

    private static boolean isConmon(ProcessHandle h) {
        return h.info().command().map(c -> c.endsWith("/conmon")).orElse(false);
    }

    String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            String tail = text.length() > LOG_TAIL_CHARS ? "…" + text.substring(text.length() - LOG_TAIL_CHARS) : text;
            return "---- " + log + " ----\n" + tail;
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the daemon");
        }
    }
}
