package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replaces_content_leaves_no_temp_files_and_is_owner_only() throws IOException {
        Path target = dir.resolve("state/container.json");
        AtomicFiles.write(target, "{\"a\":1}".getBytes());
        AtomicFiles.write(target, "{\"a\":2}".getBytes());
        assertEquals("{\"a\":2}", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void readers_see_only_whole_contents_while_a_writer_replaces_them() throws Exception {
        Path target = dir.resolve("big.json");
        int size = 256 * 1024;
        AtomicFiles.write(target, filled((byte) 0, size));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get() && torn.get() == null) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    reads.incrementAndGet();
                    if (seen.length != size || !allEqual(seen)) {
                        torn.set("read " + seen.length + " bytes, not one whole version");
                    }
                } catch (NoSuchFileException e) {
                    torn.set("the file vanished during a replace");
                } catch (IOException e) {
                    torn.set(e.toString());
                }
            }
        });
        for (int i = 1; i <= 40; i++) {
            AtomicFiles.write(target, filled((byte) i, size));
        }
        done.set(true);
        reader.join();
        assertEquals(null, torn.get());
        assertTrue(reads.get() > 0);
        assertArrayEquals(filled((byte) 40, size), Files.readAllBytes(target));
    }

    private static byte[] filled(byte value, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static boolean allEqual(byte[] bytes) {
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return false;
            }
        }
        return true;
    }
}
