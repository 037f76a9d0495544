package dev.berth.http.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * A body of a declared {@code Content-Length}; EOF at its end, and an error if the peer stops short. Readable as a
 * channel too, so that large bodies can go from the socket into a direct buffer.
 */
public final class FixedLengthInputStream extends InputStream implements ReadableByteChannel {

    private final InputStream in;
    private long remaining;

    public FixedLengthInputStream(InputStream in, long length) {
        this.in = Objects.requireNonNull(in);
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("body ended " + remaining + " bytes short");
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("body ended " + remaining + " bytes short");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int n = StreamChannels.readAtMost(in, dst, remaining);
        if (n < 0) {
            throw new EOFException("body ended " + remaining + " bytes short");
        }
        remaining -= n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    public boolean atEnd() {
        return remaining == 0;
    }

    /** Leaves the connection's stream open: the next message follows on it. */
    @Override
    public void close() {
    }
}
