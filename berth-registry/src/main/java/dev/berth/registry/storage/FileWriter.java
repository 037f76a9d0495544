package dev.berth.registry.storage;

import java.io.IOException;
import java.io.OutputStream;

/** Bytes appended to one file of a {@link StorageDriver}; {@link #close()} publishes and syncs them. */
public abstract class FileWriter extends OutputStream {

    /** Bytes in the file so far, including what this writer appended. */
    public abstract long size();

    @Override
    public abstract void write(byte[] b, int off, int len) throws IOException;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
