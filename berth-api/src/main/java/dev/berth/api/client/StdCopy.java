package dev.berth.api.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits Docker's multiplexed stream (attach, exec and logs without a TTY) into stdout and stderr. Each frame is
 * an 8-byte header — stream type (0 stdin, 1 stdout, 2 stderr, 3 system error), three zero bytes, a big-endian
 * payload length — then the payload. Frames may be split across reads or share one.
 */
public final class StdCopy {

    private static final int HEADER = 8;

    private StdCopy() {
    }

    /**
     * Copies until the stream ends at a frame boundary.
     *
     * @return the number of payload bytes written
     * @throws IOException on a type 3 frame (message is its payload), an unknown type, or a truncated frame
     */
    public static long demux(InputStream in, OutputStream out, OutputStream err) throws IOException {
        byte[] header = new byte[HEADER];
        byte[] buf = new byte[32 * 1024];
        long total = 0;
        while (true) {
            int got = in.readNBytes(header, 0, HEADER);
            if (got == 0) {
                return total;
            }
            if (got < HEADER) {
                throw new EOFException("stream ended inside a frame header");
            }
            long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16)
                    | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            switch (header[0]) {
                case 0, 1 -> total += copy(in, out, length, buf);
                case 2 -> total += copy(in, err, length, buf);
                case 3 -> throw new IOException("error from daemon in stream: "
                        + new String(in.readNBytes((int) Math.min(length, 1 << 20)), StandardCharsets.UTF_8));
                default -> throw new IOException("unknown stream type " + header[0] + " in multiplexed stream");
            }
        }
    }

    private static long copy(InputStream in, OutputStream out, long length, byte[] buf) throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            out.write(buf, 0, n);
            left -= n;
        }
        out.flush();
        return length;
    }
}
