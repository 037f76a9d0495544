package dev.berth.http.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The read side of a connection: one 64 KiB buffer shared by the message heads and the bodies that follow them,
 * so bytes read ahead while parsing a head are not lost to the body or to a hijacked stream.
 *
 * <p>Bulk reads larger than the buffer go straight from the socket into the caller's array or buffer (no second
 * copy; into a direct buffer not even the JDK's copy through a temporary one, when the source is a channel).
 * {@link #close()} does nothing: the connection owns the socket.
 */
public final class HttpInput extends InputStream implements ReadableByteChannel {

    public static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream source;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int lim;

    public HttpInput(InputStream source) {
        this.source = Objects.requireNonNull(source);
    }

    @Override
    public int read() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == lim) {
            if (len >= buf.length) {
                return source.read(b, off, len);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (pos == lim) {
            if (dst.remaining() >= buf.length) {
                return StreamChannels.read(source, dst);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(dst.remaining(), lim - pos);
        dst.put(buf, pos, n);
        pos += n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (pos == lim && !fill()) {
            return 0;
        }
        int k = (int) Math.min(n, lim - pos);
        pos += k;
        return k;
    }

    @Override
    public int available() {
        return lim - pos;
    }

    /**
     * One line without its CRLF (a bare LF is accepted too), in ISO-8859-1; {@code null} at EOF before any byte.
     *
     * @throws BadMessageException with status {@code tooLongStatus} past {@code max} bytes, or on EOF mid-line
     */
    public String readLine(int max, int tooLongStatus) throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == lim && !fill()) {
                if (line == null) {
                    return null;
                }
                throw BadMessageException.malformed("unexpected EOF in line");
            }
            int start = pos;
            int end = scanForNewline(start);
            int taken = (end < 0 ? lim : end) - start;
            int have = line == null ? 0 : line.length();
            if (have + taken > max) {
                throw new BadMessageException(tooLongStatus, "line too long");
            }
            if (line == null) {
                line = new StringBuilder(Math.max(taken, 16));
            }
            line.append(new String(buf, start, taken, StandardCharsets.ISO_8859_1));
            if (end >= 0) {
                pos = end + 1;
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            pos = lim;
        }
    }

    private int scanForNewline(int from) {
        for (int i = from; i < lim; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int n = source.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    @Override
    public void close() {
    }
}
