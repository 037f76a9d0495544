package dev.berth.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.IdMap;
import dev.berth.storage.archive.TestTar;
import dev.berth.storage.archive.TreeListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class VfsSnapshotterTest extends SnapshotterContract {
    @Override
    protected Snapshotter open(Path root, IdMap idMap) throws IOException {
        return new VfsSnapshotter(root, idMap);
    }

    @Test
    void copies_the_parent_exactly_into_a_child() throws Exception {
        importLayer("base", Optional.empty(), new TestTar()
                .dir("bin")
                .file("bin/su", "s", e -> {
                    e.setMode(04755);
                    e.setUserId(7L);
                    e.addPaxHeader("SCHILY.xattr.user.k", "v");
                })
                .hardlink("bin/su2", "bin/su")
                .symlink("sbin", "bin")
                .device("null", TarConstants.LF_CHR, 1, 3)
                .device("fifo", TarConstants.LF_FIFO, 0, 0));
        Path child = snapshotter.prepare("child", Optional.of("base"));
        assertEquals(TreeListing.of(snapshotter.diffDir("base")), TreeListing.of(child));
        assertTrue(child.startsWith(root.resolve("dir")));
        assertEquals("vfs", snapshotter.type());
        assertTrue(Files.isDirectory(child.resolve("bin")));
    }
}
