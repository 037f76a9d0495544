package dev.berth.runtime;

import java.io.IOException;
import java.util.Optional;

/** A process started by {@link OciRuntime#exec}: its stdio, terminal size and exit code. */
public interface ExecProcess {
    /** The process's host pid; 0 while an exec run without conmon has not been seen to start. */
    int pid();

    /** The exec's stdio; call at most once, before output is lost (conmon buffers until attached). */
    Attachment attach() throws IOException;

    void resize(int rows, int cols) throws IOException;

    Optional<Integer> exitCode() throws IOException;

    /** Waits for the exit and returns its code. */
    int waitFor() throws IOException, InterruptedException;
}
