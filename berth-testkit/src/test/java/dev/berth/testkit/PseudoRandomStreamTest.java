package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PseudoRandomStreamTest {
    @Test
    void yields_the_same_bytes_whatever_the_read_sizes() throws IOException {
        byte[] bulk = new PseudoRandomStream(7, 10_001).readAllBytes();
        ByteArrayOutputStream odd = new ByteArrayOutputStream();
        try (InputStream in = new PseudoRandomStream(7, 10_001)) {
            byte[] buf = new byte[13];
            odd.write(in.read());
            for (int n; (n = in.read(buf, 0, buf.length)) > 0; ) {
                odd.write(buf, 0, n);
            }
        }
        assertEquals(10_001, bulk.length);
        assertArrayEquals(bulk, odd.toByteArray());
    }

    @Test
    void differs_between_seeds() throws IOException {
        assertFalse(Arrays.equals(
                new PseudoRandomStream(1, 4096).readAllBytes(), new PseudoRandomStream(2, 4096).readAllBytes()));
    }

    @Test
    void does_not_shrink_when_deflated() throws IOException {
        byte[] data = new PseudoRandomStream(3, 1 << 20).readAllBytes();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 4096];
        int compressed = deflater.deflate(out);
        deflater.end();
        assertTrue(compressed > data.length * 0.99, "compressed to " + compressed + " of " + data.length);
    }
}
