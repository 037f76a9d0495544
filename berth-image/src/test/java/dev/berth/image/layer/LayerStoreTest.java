package dev.berth.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.content.FileContentStore;
import dev.berth.storage.SnapshotInfo;
import dev.berth.storage.Snapshotter;
import dev.berth.storage.VfsSnapshotter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers on a real vfs snapshotter and content store, across restarts (a new LayerStore on the same dirs). */
@Tag("integration")
class LayerStoreTest {
    @TempDir
    Path root;
    private FileContentStore content;
    private Snapshotter snapshotter;

    @BeforeEach
    void open() throws IOException {
        content = new FileContentStore(root.resolve("content"));
        snapshotter = new VfsSnapshotter(root.resolve("vfs"));
    }

    private LayerStore reopen() throws IOException {
        snapshotter = new VfsSnapshotter(root.resolve("vfs"));
        return new LayerStore(root.resolve("image"), content, snapshotter);
    }

    private static ByteArrayInputStream oneFile(String name, String body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(body.length());
            tar.putArchiveEntry(e);
            tar.write(body.getBytes(StandardCharsets.US_ASCII));
            tar.closeArchiveEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private Set<String> snapshots() throws IOException {
        return snapshotter.list().stream().map(SnapshotInfo::name).collect(Collectors.toSet());
    }

    /** What a SIGKILL leaves between register's commit and its record, or between remove's record and its snapshot. */
    private void loseRecord(Layer l) throws IOException {
        Files.delete(root.resolve("image/layerdb/sha256").resolve(l.snapshot() + ".json"));
    }

    @Test
    void a_committed_layer_whose_record_was_lost_is_dropped_and_can_be_registered_again() throws IOException {
        LayerStore layers = reopen();
        Layer base = layers.register(oneFile("a", "1"), Optional.empty(), Optional.empty());
        Layer top = layers.register(oneFile("b", "2"), Optional.of(base), Optional.empty());
        loseRecord(top);

        layers = reopen();
        assertEquals(Set.of(base.snapshot()), snapshots());
        assertEquals(Optional.of(base), layers.get(base.chainId()));
        assertFalse(layers.get(top.chainId()).isPresent());
        Layer again = layers.register(oneFile("b", "2"), Optional.of(base), Optional.empty());
        assertEquals(top.chainId(), again.chainId());
        assertEquals("2", Files.readString(snapshotter.diffDir(again.snapshot()).resolve("b")));
        assertEquals(Set.of(base.snapshot(), top.snapshot()), snapshots());
    }

    @Test
    void a_stack_of_layers_whose_records_were_lost_goes_top_first_and_a_container_keeps_its_layers() throws IOException {
        LayerStore layers = reopen();
        Layer base = layers.register(oneFile("a", "1"), Optional.empty(), Optional.empty());
        Layer mid = layers.register(oneFile("b", "2"), Optional.of(base), Optional.empty());
        Layer top = layers.register(oneFile("c", "3"), Optional.of(mid), Optional.empty());
        Layer used = layers.register(oneFile("d", "4"), Optional.empty(), Optional.empty());
        snapshotter.prepare("container", Optional.of(used.snapshot()));
        loseRecord(top);
        loseRecord(mid);
        loseRecord(used);

        layers = reopen();
        assertEquals(Set.of(base.snapshot(), used.snapshot(), "container"), snapshots());
        assertTrue(layers.get(base.chainId()).isPresent());
    }
}
