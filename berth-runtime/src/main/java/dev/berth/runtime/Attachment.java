package dev.berth.runtime;

import java.io.IOException;

/**
 * A connection to a container's (or exec's) stdio through conmon: output comes as chunks tagged
 * with their stream, stdin goes the other way, and closing stdin is the client's EOF.
 */
public interface Attachment extends AutoCloseable {

    /**
     * The next chunk of output, or null once the process's output has ended; a {@link RuntimeFailureException}
     * when it turns out that the runtime could not start the process (an exec run without conmon).
     */
    Chunk read() throws IOException;

    void writeStdin(byte[] bytes, int offset, int length) throws IOException;

    /** The client's EOF: the process sees its stdin end. */
    void closeStdin() throws IOException;

    @Override
    void close() throws IOException;

    /** @param stream 1 for stdout, 2 for stderr (Docker's numbering) */
    record Chunk(int stream, byte[] data) {
    }
}
