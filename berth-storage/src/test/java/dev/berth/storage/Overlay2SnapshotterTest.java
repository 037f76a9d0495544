package dev.berth.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.IdMap;
import dev.berth.storage.archive.LayerApplier;
import dev.berth.storage.archive.TestTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class Overlay2SnapshotterTest extends SnapshotterContract {
    @Override
    protected Snapshotter open(Path root, IdMap idMap) throws IOException {
        return new Overlay2Snapshotter(root, idMap);
    }

    @Test
    void lays_out_snapshots_like_docker() throws Exception {
        importLayer("l1", Optional.empty(), new TestTar().file("a", "1"));
        importLayer("l2", Optional.of("l1"), new TestTar().file("b", "2"));
        Path diff = snapshotter.prepare("c", Optional.of("l2"));
        Path dir = diff.getParent();
        String link = Files.readString(dir.resolve("link"));
        assertTrue(link.matches("[A-Z0-9]{26}"), link);
        assertEquals(diff.toRealPath(), root.resolve("l").resolve(link).toRealPath());
        assertEquals(Path.of("..", dir.getFileName().toString(), "diff"), Files.readSymbolicLink(root.resolve("l").resolve(link)));
        String l2 = Files.readString(snapshotter.diffDir("l2").resolveSibling("link"));
        String l1 = Files.readString(snapshotter.diffDir("l1").resolveSibling("link"));
        assertEquals("l/" + l2 + ":l/" + l1, Files.readString(dir.resolve("lower")));
        assertTrue(Files.isDirectory(dir.resolve("work")));
        assertTrue(Files.notExists(snapshotter.diffDir("l1").resolveSibling("lower")));
        assertEquals("overlay", snapshotter.mounts("c").getFirst().type());
    }

    @Test
    void opens_after_a_crash_at_each_step_of_laying_out_a_snapshot() throws Exception {
        importLayer("l1", Optional.empty(), new TestTar().file("a", "1"));
        Set<String> before = tree(root);
        String id = "0".repeat(64);
        // The steps of createLayout, each the last one a SIGKILL let happen; no metadata was written yet.
        for (int step = 1; step <= 4; step++) {
            Path dir = Files.createDirectory(root.resolve(id));
            Files.createDirectory(dir.resolve("diff"));
            if (step == 2) {
                Files.createFile(dir.resolve("link")); // created, not yet written
            }
            if (step >= 3) {
                Files.writeString(dir.resolve("link"), "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            }
            if (step == 4) {
                Files.createSymbolicLink(root.resolve("l").resolve("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), Path.of("..", id, "diff"));
            }
            Snapshotter reopened = open(root, IdMap.IDENTITY);
            assertEquals(before, tree(root), "after step " + step);
            assertEquals(Set.of("l1"), reopened.list().stream().map(SnapshotInfo::name).collect(Collectors.toSet()));
        }
    }

    @Test
    void mounts_an_image_of_128_layers() throws Exception {
        Optional<String> parent = Optional.empty();
        for (int i = 0; i < 128; i++) {
            String key = "extract-" + i;
            Path dir = snapshotter.prepare(key, parent);
            LayerApplier.apply(new TestTar().file("layer-" + i, Integer.toString(i)).stream(), dir, snapshotter.whiteoutMode());
            snapshotter.commit("layer-" + i, key);
            parent = Optional.of("layer-" + i);
        }
        snapshotter.prepare("container", parent);
        Path rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        snapshotter.mount("container", rootfs);
        try {
            for (int i = 0; i < 128; i++) {
                assertEquals(Integer.toString(i), Files.readString(rootfs.resolve("layer-" + i)));
            }
            // 128 absolute lower paths do not fit in mount(2)'s page: mount(8) in the root, with l/ paths.
            assertTrue(superOptions(rootfs).contains("lowerdir=l/"), superOptions(rootfs));
        } finally {
            snapshotter.unmount(rootfs);
        }
    }

    @Test
    void mounts_a_shallow_image_with_absolute_paths_and_a_view_read_only() throws Exception {
        importLayer("l1", Optional.empty(), new TestTar().file("a", "1"));
        importLayer("l2", Optional.of("l1"), new TestTar().file("b", "2"));
        snapshotter.prepare("c", Optional.of("l2"));
        snapshotter.view("v", "l2");
        Path rw = Files.createDirectory(tmp.resolve("rw"));
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        snapshotter.mount("c", rw);
        snapshotter.mount("v", ro);
        try {
            assertTrue(superOptions(rw).contains("lowerdir=" + root.resolve("l")), superOptions(rw));
            Files.writeString(rw.resolve("c"), "3");
            assertEquals("3", Files.readString(snapshotter.diffDir("c").resolve("c")));
            assertEquals("2", Files.readString(ro.resolve("b")));
            assertThrows(java.nio.file.FileSystemException.class, () -> Files.writeString(ro.resolve("d"), "4"));
        } finally {
            snapshotter.unmount(rw);
            snapshotter.unmount(ro);
        }
    }

    /** The file-system options /proc/self/mountinfo shows for the mount on {@code target}. */
    private static String superOptions(Path target) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" "))
                .filter(f -> f[4].equals(target.toString())).map(f -> f[f.length - 1]).findFirst().orElseThrow();
    }
}
