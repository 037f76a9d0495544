package dev.berth.registry.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link StorageDriver} must do; each implementation's test extends this. */
abstract class StorageDriverContract {

    protected StorageDriver driver;

    protected abstract StorageDriver newDriver() throws IOException;

    @BeforeEach
    void setUp() throws IOException {
        driver = newDriver();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void getContent_returns_what_putContent_stored() throws IOException {
        driver.putContent("/a/b/c", bytes("hello"));
        assertArrayEquals(bytes("hello"), driver.getContent("/a/b/c"));
        driver.putContent("/a/b/c", bytes("bye"));
        assertArrayEquals(bytes("bye"), driver.getContent("/a/b/c"));
    }

    @Test
    void getContent_throws_path_not_found_when_missing() {
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/nothing/here"));
    }

    @Test
    void paths_that_could_escape_the_root_are_rejected() {
        for (String bad : List.of("relative", "/a/../b", "/a/./b", "/a//b", "/a/b/", "/a b", "")) {
            assertThrows(IllegalArgumentException.class, () -> driver.putContent(bad, new byte[0]), bad);
        }
    }

    @Test
    void writer_appends_and_publishes_on_close() throws IOException {
        try (FileWriter w = driver.writer("/up/data", false)) {
            w.write(bytes("abc"));
            assertEquals(3, w.size());
        }
        try (FileWriter w = driver.writer("/up/data", true)) {
            assertEquals(3, w.size());
            w.write(bytes("def"));
            assertEquals(6, w.size());
        }
        assertArrayEquals(bytes("abcdef"), driver.getContent("/up/data"));
        assertEquals(6, driver.stat("/up/data").orElseThrow().size());
        try (FileWriter w = driver.writer("/up/data", false)) {
            w.write(bytes("x"));
        }
        assertArrayEquals(bytes("x"), driver.getContent("/up/data"));
    }

    @Test
    void transferFrom_appends_at_any_offset_and_shows_every_byte_to_the_tap_in_order() throws IOException {
        int[] sizes = {1, 5000, 3 * (1 << 20) + 12345, 0, 4096, 1 << 20, 777};
        Random random = new Random(11);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        driver.writer("/up/big", false).close();
        for (int size : sizes) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            ByteArrayOutputStream tapped = new ByteArrayOutputStream();
            try (FileWriter w = driver.writer("/up/big", true)) {
                long appended = w.transferFrom(new TrickleChannel(data, 70_001, -1), buf -> {
                    byte[] seen = new byte[buf.remaining()];
                    buf.get(seen);
                    tapped.writeBytes(seen);
                });
                assertEquals(size, appended);
                expected.writeBytes(data);
                assertEquals(expected.size(), w.size());
            }
            assertArrayEquals(data, tapped.toByteArray(), "tap of " + size);
            assertEquals(expected.size(), driver.stat("/up/big").orElseThrow().size());
        }
        assertArrayEquals(expected.toByteArray(), driver.getContent("/up/big"));
    }

    @Test
    @Timeout(60)
    void transferFrom_passes_on_a_failing_source_and_the_writer_still_closes() throws IOException {
        byte[] data = new byte[6 << 20];
        new Random(3).nextBytes(data);
        TrickleChannel source = new TrickleChannel(data, 100_000, 5 << 20);
        FileWriter w = driver.writer("/up/cut", false);
        IOException e = assertThrows(IOException.class, () -> w.transferFrom(source, buf -> { }));
        assertEquals("connection reset", e.getMessage());
        w.close();
        byte[] kept = driver.getContent("/up/cut");
        assertTrue(kept.length <= source.pos, kept.length + " bytes kept of " + source.pos + " received");
        assertArrayEquals(Arrays.copyOf(data, kept.length), kept);
    }

    @Test
    @Timeout(60)
    void transferFrom_passes_on_a_failing_tap() throws IOException {
        byte[] data = new byte[6 << 20];
        try (FileWriter w = driver.writer("/up/tapped", false)) {
            long[] seen = {0};
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> w.transferFrom(new TrickleChannel(data, 100_000, -1), buf -> {
                        seen[0] += buf.remaining();
                        if (seen[0] > 3 << 20) {
                            throw new IllegalStateException("hash failed");
                        }
                    }));
            assertEquals("hash failed", e.getMessage());
        }
    }

    /** Hands out at most {@code step} bytes per read, like a socket; fails once {@code failAt} bytes were read. */
    private static final class TrickleChannel implements ReadableByteChannel {
        private final byte[] data;
        private final int step;
        private final int failAt;
        private int pos;

        TrickleChannel(byte[] data, int step, int failAt) {
            this.data = data;
            this.step = step;
            this.failAt = failAt;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (failAt >= 0 && pos >= failAt) {
                throw new IOException("connection reset");
            }
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(step, dst.remaining()), data.length - pos);
            dst.put(Arrays.copyOfRange(data, pos, pos + n));
            pos += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void open_reads_from_any_position() throws IOException {
        driver.putContent("/f", bytes("0123456789"));
        try (SeekableByteChannel ch = driver.open("/f")) {
            assertEquals(10, ch.size());
            ch.position(7);
            ByteBuffer buf = ByteBuffer.allocate(10);
            assertEquals(3, ch.read(buf));
            assertEquals("789", new String(buf.array(), 0, 3, StandardCharsets.UTF_8));
            assertEquals(-1, ch.read(buf));
        }
        assertThrows(PathNotFoundException.class, () -> driver.open("/missing"));
    }

    @Test
    void stat_tells_files_from_directories_and_missing_paths() throws IOException {
        driver.putContent("/d/e/f", bytes("12345"));
        FileInfo file = driver.stat("/d/e/f").orElseThrow();
        assertFalse(file.isDirectory());
        assertEquals(5, file.size());
        assertTrue(driver.stat("/d/e").orElseThrow().isDirectory());
        assertTrue(driver.stat("/d/x").isEmpty());
    }

    @Test
    void list_returns_direct_children_sorted() throws IOException {
        driver.putContent("/r/b/1", bytes("1"));
        driver.putContent("/r/a", bytes("2"));
        driver.putContent("/r/c/d/e", bytes("3"));
        driver.putContent("/rx/other", bytes("4"));
        assertEquals(List.of("/r/a", "/r/b", "/r/c"), driver.list("/r"));
        assertTrue(driver.list("/").contains("/r"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/none"));
    }

    @Test
    void move_replaces_the_destination_and_removes_the_source() throws IOException {
        driver.putContent("/src/data", bytes("new"));
        driver.putContent("/dst/x/data", bytes("old"));
        driver.move("/src/data", "/dst/x/data");
        assertArrayEquals(bytes("new"), driver.getContent("/dst/x/data"));
        assertTrue(driver.stat("/src/data").isEmpty());
        assertThrows(PathNotFoundException.class, () -> driver.move("/src/data", "/elsewhere"));
    }

    @Test
    void delete_removes_a_whole_tree_and_nothing_beside_it() throws IOException {
        driver.putContent("/t/a/1", bytes("1"));
        driver.putContent("/t/a/b/2", bytes("2"));
        driver.putContent("/t/ab", bytes("3"));
        driver.delete("/t/a");
        assertTrue(driver.stat("/t/a").isEmpty());
        assertTrue(driver.stat("/t/a/b/2").isEmpty());
        assertArrayEquals(bytes("3"), driver.getContent("/t/ab"));
        assertThrows(PathNotFoundException.class, () -> driver.delete("/t/a"));
    }

    @Test
    void readers_never_see_partial_content_while_putContent_replaces_it() throws Exception {
        byte[] a = new byte[64 * 1024];
        byte[] b = new byte[64 * 1024];
        java.util.Arrays.fill(a, (byte) 'a');
        java.util.Arrays.fill(b, (byte) 'b');
        driver.putContent("/atomic", a);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    driver.putContent("/atomic", i % 2 == 0 ? b : a);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        List<String> torn = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] seen = driver.getContent("/atomic");
            byte first = seen[0];
            for (byte x : seen) {
                if (x != first || seen.length != a.length) {
                    torn.add("read " + i);
                    break;
                }
            }
        }
        stop.set(true);
        writer.join();
        assertEquals(List.of(), torn);
    }
}
