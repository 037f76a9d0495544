package dev.berth.daemon.container;

import dev.berth.oci.error.ConflictException;
import dev.berth.runtime.ExecProcess;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One exec of a container, from create to exit: created → running (once {@link #claimStart} and
 * {@link #started}) → exited with a code. The exit code is set before the exec's stream closes, so
 * a client that inspects right after its stream ends sees it.
 */
public final class ExecInstance {
    private final String id;
    private final String containerId;
    private final ExecConfig config;
    private final CountDownLatch startedLatch = new CountDownLatch(1);
    private boolean claimed;
    private volatile ExecProcess process;
    private volatile Integer exitCode;
    private volatile Instant exitedAt;

    ExecInstance(String id, String containerId, ExecConfig config) {
        this.id = id;
        this.containerId = containerId;
        this.config = config;
    }

    public String id() {
        return id;
    }

    public String containerId() {
        return containerId;
    }

    public ExecConfig config() {
        return config;
    }

    /** Marks the exec as being started; a second start gets dockerd's 409s. */
    synchronized void claimStart() {
        if (exitCode != null) {
            throw new ConflictException("Error: Exec command " + id + " has already run");
        }
        if (claimed) {
            throw new ConflictException("Error: Exec command " + id + " is already running");
        }
        claimed = true;
    }

    void started(ExecProcess p) {
        this.process = p;
        startedLatch.countDown();
    }

    /** The start failed before a process existed: dockerd records 126 for that. */
    void failed(int code) {
        exited(code);
        startedLatch.countDown();
    }

    void exited(int code) {
        this.exitedAt = Instant.now();
        this.exitCode = code;
    }

    /** Waits for the process to exist (a resize may arrive before the start finished); empty on timeout or failure. */
    Optional<ExecProcess> awaitProcess(long timeoutMillis) throws InterruptedException {
        startedLatch.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return Optional.ofNullable(process);
    }

    public boolean running() {
        return process != null && exitCode == null;
    }

    /** True until the exec exited: created and running execs are what inspect's {@code ExecIDs} lists. */
    public boolean live() {
        return exitCode == null;
    }

    public Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    public Optional<Instant> exitedAt() {
        return Optional.ofNullable(exitedAt);
    }

    public int pid() {
        ExecProcess p = process;
        return p == null ? 0 : p.pid();
    }
}
