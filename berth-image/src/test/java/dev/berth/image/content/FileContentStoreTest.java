package dev.berth.image.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentStoreTest {
    @TempDir
    Path root;

    @Test
    void commit_publishes_under_the_digest() throws IOException {
        FileContentStore store = new FileContentStore(root);
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        Digest d;
        try (ContentStore.Ingest in = store.ingest()) {
            in.stream().write(data);
            d = in.commit(Optional.of(Digest.sha256(data)));
        }
        assertTrue(store.exists(d));
        assertEquals(Optional.of(5L), store.size(d));
        try (InputStream in = store.open(d)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void mismatch_leaves_nothing_visible() throws IOException {
        FileContentStore store = new FileContentStore(root);
        Digest claimed = Digest.sha256(new byte[] {1});
        try (ContentStore.Ingest in = store.ingest()) {
            in.stream().write(new byte[] {2});
            assertThrows(DigestMismatchException.class, () -> in.commit(Optional.of(claimed)));
        }
        assertFalse(store.exists(claimed));
        assertTrue(store.list().isEmpty());
        try (var s = Files.list(root.resolve("ingest"))) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void uncommitted_ingest_is_dropped_on_close_and_at_start() throws IOException {
        FileContentStore store = new FileContentStore(root);
        ContentStore.Ingest abandoned = store.ingest();
        abandoned.stream().write(new byte[1000]);
        new FileContentStore(root);
        try (var s = Files.list(root.resolve("ingest"))) {
            assertEquals(0, s.count());
        }
        abandoned.close();
        assertTrue(store.list().isEmpty());
    }

    @Test
    void same_content_twice_is_stored_once() throws IOException {
        FileContentStore store = new FileContentStore(root);
        for (int i = 0; i < 2; i++) {
            try (ContentStore.Ingest in = store.ingest()) {
                in.stream().write(new byte[] {7, 7});
                in.commit(Optional.empty());
            }
        }
        assertEquals(1, store.list().size());
    }
}
