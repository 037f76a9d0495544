package dev.berth.http.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes {@code Transfer-Encoding: chunked}. Small writes gather in a 64 KiB buffer that has room before it for
 * the size line and after it for the CRLF, so a chunk leaves in one write; writes larger than the buffer go out
 * as their own chunk without being copied. {@link #flush()} sends what has been written as a chunk at once
 * (event streams rely on it); {@link #close()} sends the last chunk but leaves the connection open.
 */
public final class ChunkedOutputStream extends OutputStream {

    private static final int HEAD_ROOM = 18;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final OutputStream out;
    private final byte[] buf;
    private int count;
    private boolean closed;

    public ChunkedOutputStream(OutputStream out) {
        this(out, HttpInput.BUFFER_SIZE);
    }

    public ChunkedOutputStream(OutputStream out, int bufferSize) {
        this.out = Objects.requireNonNull(out);
        this.buf = new byte[HEAD_ROOM + bufferSize + 2];
    }

    private int capacity() {
        return buf.length - HEAD_ROOM - 2;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == capacity()) {
            sendBuffered();
        }
        buf[HEAD_ROOM + count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return;
        }
        if (len > capacity() - count) {
            sendBuffered();
            if (len >= capacity()) {
                out.write(sizeLine(len));
                out.write(b, off, len);
                out.write(CRLF);
                return;
            }
        }
        System.arraycopy(b, off, buf, HEAD_ROOM + count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        sendBuffered();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        sendBuffered();
        closed = true;
        out.write(LAST);
        out.flush();
    }

    public boolean isClosed() {
        return closed;
    }

    private void sendBuffered() throws IOException {
        if (count == 0) {
            return;
        }
        byte[] size = sizeLine(count);
        int start = HEAD_ROOM - size.length;
        System.arraycopy(size, 0, buf, start, size.length);
        buf[HEAD_ROOM + count] = '\r';
        buf[HEAD_ROOM + count + 1] = '\n';
        out.write(buf, start, size.length + count + 2);
        count = 0;
    }

    private static byte[] sizeLine(int size) {
        return (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("chunked stream closed");
        }
    }
}
