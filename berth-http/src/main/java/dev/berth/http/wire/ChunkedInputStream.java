package dev.berth.http.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * Decodes {@code Transfer-Encoding: chunked}. Chunk data is copied in bulk from the connection's buffer (or read
 * straight into the caller's array); only the size lines are scanned byte by byte. Extensions are ignored and
 * trailer fields are read and dropped, leaving the connection at the start of the next message. Readable as a
 * channel too, so that chunk data can go from the socket into a direct buffer.
 */
public final class ChunkedInputStream extends InputStream implements ReadableByteChannel {

    private static final int MAX_LINE = 4096;

    private final HttpInput in;
    private long remaining;
    private boolean started;
    private boolean done;

    public ChunkedInputStream(HttpInput in) {
        this.in = Objects.requireNonNull(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (done) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = StreamChannels.readAtMost(in, dst, remaining);
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        remaining -= n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public int available() {
        return done ? 0 : (int) Math.min(in.available(), remaining);
    }

    public boolean atEnd() {
        return done;
    }

    private boolean nextChunk() throws IOException {
        if (started) {
            String crlf = in.readLine(2, 400);
            if (crlf == null || !crlf.isEmpty()) {
                throw BadMessageException.malformed("missing CRLF after chunk data");
            }
        }
        started = true;
        String line = in.readLine(MAX_LINE, 400);
        if (line == null) {
            throw new EOFException("connection closed before the chunk size");
        }
        remaining = parseSize(line);
        if (remaining == 0) {
            skipTrailers();
            done = true;
            return false;
        }
        return true;
    }

    static long parseSize(String line) throws BadMessageException {
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).strip();
        if (hex.isEmpty() || hex.length() > 15) {
            throw BadMessageException.malformed("bad chunk size: " + line);
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw BadMessageException.malformed("bad chunk size: " + line);
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private void skipTrailers() throws IOException {
        int budget = HeaderBlock.MAX_HEAD;
        while (true) {
            String line = in.readLine(budget, 431);
            if (line == null) {
                throw new EOFException("connection closed inside the trailer section");
            }
            if (line.isEmpty()) {
                return;
            }
            budget -= line.length() + 2;
        }
    }

    /** Leaves the connection's stream open: the next message follows on it. */
    @Override
    public void close() {
    }
}
