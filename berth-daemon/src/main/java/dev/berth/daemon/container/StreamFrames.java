package dev.berth.daemon.container;

import java.io.IOException;
import java.io.OutputStream;

/** Docker's multiplexed stream: an 8-byte header (stream type, three zeros, big-endian length) before each payload. */
public final class StreamFrames {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private StreamFrames() {
    }

    public static void write(OutputStream out, int stream, byte[] data, int offset, int length) throws IOException {
        byte[] header = {(byte) stream, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length};
        out.write(header);
        out.write(data, offset, length);
    }
}
