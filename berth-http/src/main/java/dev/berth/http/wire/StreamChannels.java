package dev.berth.http.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads from a body stream into a {@link ByteBuffer}. The connection's streams are also
 * {@link ReadableByteChannel}s, so a read into a direct buffer goes from the socket straight into it; any other
 * stream (a TLS socket's) is read through an array.
 */
public final class StreamChannels {

    private static final int COPY_CHUNK = 64 * 1024;

    private StreamChannels() {
    }

    /** Like {@link ReadableByteChannel#read}: the bytes read (0 only when {@code dst} is full), or -1 at EOF. */
    public static int read(InputStream in, ByteBuffer dst) throws IOException {
        if (in instanceof ReadableByteChannel channel) {
            return channel.read(dst);
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] chunk = new byte[Math.min(dst.remaining(), COPY_CHUNK)];
        int n = in.read(chunk, 0, chunk.length);
        if (n > 0) {
            dst.put(chunk, 0, n);
        }
        return n;
    }

    /** Reads into at most the first {@code max} bytes of {@code dst}'s remaining space. */
    static int readAtMost(InputStream in, ByteBuffer dst, long max) throws IOException {
        int limit = dst.limit();
        dst.limit(dst.position() + (int) Math.min(dst.remaining(), max));
        try {
            return read(in, dst);
        } finally {
            dst.limit(limit);
        }
    }
}
