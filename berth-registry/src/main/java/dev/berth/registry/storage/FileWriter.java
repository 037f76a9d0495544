package dev.berth.registry.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.Consumer;

/** Bytes appended to one file of a {@link StorageDriver}; {@link #close()} publishes and syncs them. */
public abstract class FileWriter extends OutputStream {

    private static final int TRANSFER_BUFFER = 1 << 18;

    /** Bytes in the file so far, including what this writer appended. */
    public abstract long size();

    @Override
    public abstract void write(byte[] b, int off, int len) throws IOException;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Appends everything {@code source} yields until its end and returns the number of bytes appended. Each run of
     * bytes is shown to {@code tap} before it is written (in a buffer whose position the tap may move but whose bytes
     * it must leave alone), so an upload is hashed on its way to the file. Drivers override this to move bulk data
     * without copies through the heap.
     */
    public long transferFrom(ReadableByteChannel source, Consumer<ByteBuffer> tap) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(TRANSFER_BUFFER);
        long total = 0;
        for (boolean end = false; !end; ) {
            while (buf.hasRemaining() && !end) {
                end = source.read(buf) < 0;
            }
            buf.flip();
            tap.accept(buf.duplicate());
            write(buf.array(), 0, buf.limit());
            total += buf.limit();
            buf.clear();
        }
        return total;
    }
}
