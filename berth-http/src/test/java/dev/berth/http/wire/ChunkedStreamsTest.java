package dev.berth.http.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedStreamsTest {

    private static HttpInput input(byte[] raw) {
        return new HttpInput(new ByteArrayInputStream(raw));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodes_chunks_with_extensions_and_trailers_and_stops_at_the_next_message() throws IOException {
        HttpInput in = input(ascii("5;name=val\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\nNEXT"));
        ChunkedInputStream body = new ChunkedInputStream(in);
        assertEquals("hello 0123456789", new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
        assertEquals("NEXT", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void round_trips_random_bytes_across_chunk_and_buffer_boundaries() throws IOException {
        byte[] data = new byte[300_000];
        new Random(42).nextBytes(data);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire, 1000);
        int[] sizes = {1, 7, 999, 1000, 1001, 70_000, 3};
        int pos = 0;
        for (int i = 0; pos < data.length; i++) {
            int n = Math.min(sizes[i % sizes.length], data.length - pos);
            if (n == 1) {
                out.write(data[pos]);
            } else {
                out.write(data, pos, n);
            }
            pos += n;
            if (i % 5 == 0) {
                out.flush();
            }
        }
        out.close();
        byte[] encoded = wire.toByteArray();
        assertEquals("0\r\n\r\n", new String(encoded, encoded.length - 5, 5, StandardCharsets.ISO_8859_1));
        InputStream decoded = new ChunkedInputStream(new HttpInput(new TrickleInputStream(encoded, 13)));
        assertArrayEquals(data, decoded.readAllBytes());
    }

    @Test
    void channel_reads_of_chunked_and_fixed_length_bodies_stop_at_their_end() throws IOException {
        HttpInput in = input(ascii("3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\nhijklmnopq"));
        assertEquals("abcdefg", drain(new ChunkedInputStream(in), 2));
        assertEquals("hijk", drain(new FixedLengthInputStream(in, 4), 3));
        assertEquals("lmnopq", drain(in, 100));
    }

    @Test
    void channel_reads_larger_than_the_buffer_arrive_whole_from_a_plain_stream() throws IOException {
        byte[] data = new byte[HttpInput.BUFFER_SIZE * 3 + 17];
        new Random(5).nextBytes(data);
        HttpInput in = new HttpInput(new TrickleInputStream(data, 100_000));
        ByteBuffer buf = ByteBuffer.allocateDirect(data.length + 10);
        FixedLengthInputStream body = new FixedLengthInputStream(in, data.length);
        while (body.read(buf) >= 0) {
            assertTrue(buf.hasRemaining());
        }
        byte[] got = new byte[buf.flip().remaining()];
        buf.get(got);
        assertArrayEquals(data, got);
    }

    @Test
    void a_fixed_length_channel_read_fails_when_the_peer_stops_short() {
        FixedLengthInputStream body = new FixedLengthInputStream(input(ascii("abc")), 10);
        assertThrows(java.io.EOFException.class, () -> drain(body, 64));
    }

    /** Reads a channel to its end through a direct buffer of {@code size} bytes. */
    private static String drain(ReadableByteChannel channel, int size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(size);
        StringBuilder sb = new StringBuilder();
        while (channel.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                sb.append((char) (buf.get() & 0xff));
            }
            buf.clear();
        }
        return sb.toString();
    }

    @Test
    void flush_sends_what_was_written_as_one_chunk() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire);
        out.write(ascii("{\"a\":1}\n"));
        out.flush();
        assertEquals("8\r\n{\"a\":1}\n\r\n", wire.toString(StandardCharsets.ISO_8859_1));
        out.flush();
        assertEquals("8\r\n{\"a\":1}\n\r\n", wire.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void rejects_a_bad_chunk_size() {
        ChunkedInputStream body = new ChunkedInputStream(input(ascii("zz\r\nabc\r\n0\r\n\r\n")));
        assertEquals(400, assertThrows(BadMessageException.class, body::readAllBytes).status());
    }

    @Test
    void rejects_chunk_data_not_followed_by_crlf() {
        ChunkedInputStream body = new ChunkedInputStream(input(ascii("3\r\nabcX\r\n0\r\n\r\n")));
        assertThrows(BadMessageException.class, body::readAllBytes);
    }

    @Test
    void fails_when_the_connection_ends_inside_a_chunk() {
        ChunkedInputStream body = new ChunkedInputStream(input(ascii("10\r\nabc")));
        assertThrows(java.io.EOFException.class, body::readAllBytes);
    }

    /** Hands out at most {@code step} bytes per read, like a slow socket. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private final int step;
        private int pos;

        TrickleInputStream(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
