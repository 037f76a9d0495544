package dev.berth.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class SnapshottersTest {
    @TempDir
    Path tmp;

    @Test
    void chooses_overlay2_where_overlay_mounts_work() throws Exception {
        Snapshotter chosen = Snapshotters.choose(tmp, Optional.empty());
        assertEquals("overlay2", chosen.type());
        assertTrue(Files.isDirectory(tmp.resolve("overlay2/l")));
        try (var listing = Files.list(tmp.resolve("overlay2"))) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().startsWith("overlay-check-")), "the trial mount was cleaned up");
        }
    }

    @Test
    void uses_the_requested_driver() throws Exception {
        assertEquals("vfs", Snapshotters.choose(tmp, Optional.of("vfs")).type());
        assertEquals("overlay2", Snapshotters.choose(tmp, Optional.of("overlay2")).type());
    }

    @Test
    void rejects_an_unknown_driver() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snapshotters.choose(tmp, Optional.of("zfs")));
        assertTrue(e.getMessage().contains("zfs"), e.getMessage());
    }

    @Test
    void falls_back_to_vfs_on_a_data_root_on_overlayfs() throws Exception {
        Path merged = overlayDataRoot();
        try {
            assertEquals("vfs", Snapshotters.choose(merged, Optional.empty()).type());
            IOException e = assertThrows(IOException.class, () -> Snapshotters.choose(merged, Optional.of("overlay2")));
            assertTrue(e.getMessage().contains("overlay2 cannot be used") && e.getMessage().contains("overlayfs"), e.getMessage());
        } finally {
            Mounts.umount2(merged, Mounts.MNT_DETACH);
        }
    }

    private Path overlayDataRoot() throws IOException {
        Path lower = Files.createDirectory(tmp.resolve("lower"));
        Path upper = Files.createDirectory(tmp.resolve("upper"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        Path merged = Files.createDirectory(tmp.resolve("merged"));
        Mounts.mount("overlay", merged, "overlay", 0, "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
        return merged;
    }
}
