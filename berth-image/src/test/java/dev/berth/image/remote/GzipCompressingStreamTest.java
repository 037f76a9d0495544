package dev.berth.image.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipCompressingStreamTest {
    @Test
    void round_trips_through_gunzip_when_the_input_spans_many_buffers() throws IOException {
        byte[] data = new byte[3_000_000];
        Random r = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 1000 < 500 ? r.nextInt(256) : i % 7);
        }
        byte[] gz;
        try (InputStream in = new GzipCompressingStream(new ByteArrayInputStream(data), Deflater.BEST_SPEED)) {
            gz = in.readAllBytes();
        }
        try (InputStream back = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(data, back.readAllBytes());
        }
    }

    @Test
    void compresses_empty_input_to_a_valid_gzip() throws IOException {
        byte[] gz;
        try (InputStream in = new GzipCompressingStream(new ByteArrayInputStream(new byte[0]), Deflater.DEFAULT_COMPRESSION)) {
            gz = in.readAllBytes();
        }
        try (InputStream back = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(new byte[0], back.readAllBytes());
        }
    }
}
