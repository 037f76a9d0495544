package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCI runtime (runc or crun) driven through conmon, so containers outlive the daemon. One
 * container's walk:
 *
 * <pre>{@code
 * Created c = runtime.create(new CreateRequest(id, bundle, stateDir, logPath, tty, openStdin, stdinOnce));
 * Attachment a = runtime.attach(id);          // before start, so no output is lost
 * runtime.start(id);
 * ... a.read() gives stdout/stderr chunks; conmon also writes them to logPath ...
 * runtime.kill(id, "TERM");
 * int code = runtime.awaitExit(id, timeout).orElseThrow();   // conmon's exit file
 * runtime.delete(id);
 * }</pre>
 *
 * After a daemon restart the same calls work on containers created before it: conmon kept them,
 * {@link #state} finds them, {@link #exitStatus} reads exits that happened meanwhile.
 */
public interface OciRuntime {

    /** {@code runc} or {@code crun}. */
    String name();

    /** Starts conmon, which runs {@code <runtime> create}; returns once the container exists, not yet started. */
    Created create(CreateRequest request) throws IOException;

    void start(String id) throws IOException;

    /** Sends a signal by name ({@code TERM}, {@code SIGKILL}) or number to the container's init process. */
    void kill(String id, String signal) throws IOException;

    void pause(String id) throws IOException;

    void resume(String id) throws IOException;

    /** Applies new cgroup limits to a running container ({@code runc update}). */
    void update(String id, dev.berth.runtime.spec.ContainerSpec.Resources resources) throws IOException;

    /** Removes the runtime's state of a stopped container (with force also a running one) and conmon's files. */
    void delete(String id) throws IOException;

    /** The runtime's view: created, running, paused or stopped, with the init pid; empty if it knows no such container. */
    Optional<RuntimeState> state(String id) throws IOException;

    /** The exit of a container that has stopped (from conmon's exit file), empty while it runs. */
    Optional<ExitStatus> exitStatus(String id) throws IOException;

    /** Waits up to {@code timeoutMillis} (0 = forever) for the exit. */
    Optional<ExitStatus> awaitExit(String id, long timeoutMillis) throws IOException, InterruptedException;

    /** Connects to conmon's attach socket: output chunks out, stdin in. */
    Attachment attach(String id) throws IOException;

    /** Sets the terminal size of a container started with a TTY. */
    void resize(String id, int rows, int cols) throws IOException;

    /**
     * Runs a process in a running container with its own stdio and exit status: under conmon, or, when attached
     * without a terminal, by the runtime straight from this process (then a process that could not be started
     * shows as the attachment's {@link RuntimeFailureException}, not as an exception here).
     */
    ExecProcess exec(String id, ExecRequest request) throws IOException;

    /**
     * @param stateDir a directory of the daemon's for this container: conmon's pidfile, exit file,
     *                 attach socket and control FIFOs live there
     */
    record CreateRequest(String id, Path bundle, Path stateDir, Path logPath, boolean terminal, boolean openStdin,
                         boolean stdinOnce) {
    }

    record Created(int pid, int conmonPid) {
    }

    /** @param status created, running, paused or stopped */
    record RuntimeState(String status, int pid) {
    }

    /** @param code the exit code (128+signal when killed by one); {@code oomKilled} when the cgroup's OOM killer did it */
    record ExitStatus(int code, boolean oomKilled, java.time.Instant at) {
    }

    /**
     * @param processJson the OCI {@code process} object (args, env, cwd, user, terminal, capabilities, noNewPrivileges)
     * @param openStdin   give the process a stdin pipe (Docker's AttachStdin); it ends when the attached client closes it
     * @param attach      the caller will call {@link ExecProcess#attach}: the process waits until that connection
     *                    exists, so none of its output is lost (a detached exec runs at once, output to nobody)
     */
    record ExecRequest(String execId, String processJson, boolean terminal, boolean openStdin, boolean attach) {
    }
}
