package dev.berth.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.IdMap;
import dev.berth.storage.archive.LayerApplier;
import dev.berth.storage.archive.LayerEscapeException;
import dev.berth.storage.archive.TestTar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link Snapshotter} must do; each implementation's test extends this. */
@Tag("integration")
public abstract class SnapshotterContract {
    @TempDir
    protected Path tmp;

    protected Path root;
    protected Snapshotter snapshotter;

    protected abstract Snapshotter open(Path root, IdMap idMap) throws IOException;

    private Snapshotter open(Path root) throws IOException {
        return open(root, IdMap.IDENTITY);
    }

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("root");
        snapshotter = open(root);
    }

    protected String importLayer(String name, Optional<String> parent, TestTar layer) throws IOException {
        String key = "extract-" + name;
        Path dir = snapshotter.prepare(key, parent);
        LayerApplier.apply(layer.stream(), dir, snapshotter.whiteoutMode());
        snapshotter.commit(name, key);
        return name;
    }

    @Test
    void with_a_remap_the_container_root_owns_the_files_and_the_root_of_a_container() throws Exception {
        IdMap remap = new IdMap(List.of(new IdMap.Range(0, 100000, 65536)), List.of(new IdMap.Range(0, 100000, 65536)));
        Snapshotter remapped = open(tmp.resolve("remapped"), remap);
        assertEquals(remap, remapped.idMap());
        Path base = remapped.prepare("extract", Optional.empty());
        LayerApplier.apply(new TestTar().file("etc/motd", "hi").stream(), base, remapped.whiteoutMode(), remapped.idMap());
        remapped.commit("base", "extract");
        remapped.prepare("container", Optional.of("base"));
        Path rootfs = Files.createDirectory(tmp.resolve("remapped-rootfs"));
        remapped.mount("container", rootfs);
        try {
            assertEquals(List.of(100000, 100000), owner(rootfs));
            assertEquals(List.of(100000, 100000), owner(rootfs.resolve("etc/motd")));
        } finally {
            remapped.unmount(rootfs);
        }
    }

    private static List<Integer> owner(Path p) throws IOException {
        return List.of((Integer) Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS),
                (Integer) Files.getAttribute(p, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void prepares_an_empty_writable_directory_for_a_base_snapshot() throws Exception {
        Path dir = snapshotter.prepare("k", Optional.empty());
        try (Stream<Path> listing = Files.list(dir)) {
            assertEquals(0, listing.count());
        }
        Files.writeString(dir.resolve("f"), "x");
        assertTrue(snapshotter.exists("k"));
        assertEquals(Optional.empty(), snapshotter.parent("k"));
    }

    @Test
    void commit_turns_the_key_into_the_name() throws Exception {
        importLayer("layer1", Optional.empty(), new TestTar().file("a", "1"));
        assertTrue(snapshotter.exists("layer1"));
        assertFalse(snapshotter.exists("extract-layer1"));
        assertEquals(SnapshotKind.COMMITTED, snapshotter.list().getFirst().kind());
    }

    @Test
    void stacks_layers_and_shows_the_container_their_union() throws Exception {
        importLayer("l1", Optional.empty(), new TestTar().file("a", "1").file("b", "2").file("dir/old", "o"));
        importLayer("l2", Optional.of("l1"), new TestTar().file(".wh.a", "").file("c", "3").file("dir/.wh..wh..opq", "").file("dir/new", "n"));
        snapshotter.prepare("container", Optional.of("l2"));
        assertEquals(Optional.of("l2"), snapshotter.parent("container"));
        assertEquals(Optional.of("l1"), snapshotter.parent("l2"));
        Path rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        snapshotter.mount("container", rootfs);
        try {
            assertEquals(Set.of("b", "c", "dir", "dir/new"), tree(rootfs));
            Files.writeString(rootfs.resolve("written-by-container"), "w");
        } finally {
            snapshotter.unmount(rootfs);
        }
        assertTrue(Files.exists(snapshotter.diffDir("container").resolve("written-by-container")));
        assertTrue(tree(rootfs).isEmpty());
    }

    @Test
    void refuses_to_remove_a_committed_snapshot_with_children() throws Exception {
        importLayer("base", Optional.empty(), new TestTar().file("a", "1"));
        snapshotter.prepare("child", Optional.of("base"));
        SnapshotConflictException e = assertThrows(SnapshotConflictException.class, () -> snapshotter.remove("base"));
        assertTrue(e.getMessage().contains("parent"), e.getMessage());
        snapshotter.remove("child");
        snapshotter.remove("base");
        assertTrue(snapshotter.list().isEmpty());
    }

    @Test
    void refuses_taken_keys_missing_parents_and_uncommitted_parents() throws Exception {
        snapshotter.prepare("k", Optional.empty());
        assertThrows(SnapshotConflictException.class, () -> snapshotter.prepare("k", Optional.empty()));
        assertThrows(SnapshotNotFoundException.class, () -> snapshotter.prepare("k2", Optional.of("missing")));
        assertThrows(SnapshotConflictException.class, () -> snapshotter.prepare("k3", Optional.of("k")));
        assertThrows(SnapshotConflictException.class, () -> snapshotter.commit("k", "k"));
        assertThrows(SnapshotNotFoundException.class, () -> snapshotter.remove("nothing"));
    }

    @Test
    void mounts_a_view_read_only() throws Exception {
        importLayer("base", Optional.empty(), new TestTar().file("a", "1"));
        snapshotter.view("v", "base");
        assertTrue(snapshotter.mounts("v").getFirst().readOnly());
        assertThrows(SnapshotConflictException.class, () -> snapshotter.commit("v2", "v"));
        Path target = Files.createDirectory(tmp.resolve("view"));
        snapshotter.mount("v", target);
        try {
            assertEquals("1", Files.readString(target.resolve("a")));
            assertThrows(IOException.class, () -> Files.writeString(target.resolve("b"), "no"));
        } finally {
            snapshotter.unmount(target);
        }
    }

    @Test
    void refuses_to_mount_a_committed_snapshot() throws Exception {
        importLayer("base", Optional.empty(), new TestTar().file("a", "1"));
        assertThrows(SnapshotConflictException.class, () -> snapshotter.mounts("base"));
    }

    @Test
    void reports_usage_in_bytes_counting_hard_links_once() throws Exception {
        importLayer("base", Optional.empty(), new TestTar().file("a", "12345").hardlink("b", "a").file("c", "678"));
        assertEquals(8, snapshotter.usage("base"));
    }

    @Test
    void finds_committed_snapshots_again_after_a_restart() throws Exception {
        importLayer("l1", Optional.empty(), new TestTar().file("a", "1"));
        importLayer("l2", Optional.of("l1"), new TestTar().file("b", "2"));
        snapshotter.prepare("active", Optional.of("l2"));
        Snapshotter reopened = open(root);
        assertEquals(Set.of("l1", "l2", "active"), reopened.list().stream().map(SnapshotInfo::name).collect(Collectors.toSet()));
        assertEquals(Optional.of("l1"), reopened.parent("l2"));
        assertEquals(SnapshotKind.ACTIVE, reopened.list().stream().filter(s -> s.name().equals("active")).findFirst().orElseThrow().kind());
    }

    @Test
    void forgets_a_snapshot_whose_prepare_crashed_before_it_was_recorded() throws Exception {
        importLayer("l1", Optional.empty(), new TestTar().file("a", "1"));
        Set<String> before = tree(root);
        snapshotter.prepare("half", Optional.of("l1"));
        // A crash between creating the directories and writing the metadata leaves directories without metadata.
        String id = snapshotter.list().stream().filter(s -> s.name().equals("half")).findFirst().orElseThrow().id();
        Files.delete(root.resolve("meta").resolve(id));
        Files.writeString(root.resolve("meta").resolve(id + ".tmp"), "kind=COMMITTED\nname=half\n", StandardCharsets.UTF_8);
        Snapshotter reopened = open(root);
        assertFalse(reopened.exists("half"));
        assertEquals(before, tree(root));
    }

    @Test
    void removing_after_a_failed_apply_leaves_the_snapshotter_as_before() throws Exception {
        importLayer("l1", Optional.empty(), new TestTar().file("a", "1"));
        Set<String> before = tree(root);
        Path dir = snapshotter.prepare("bad", Optional.of("l1"));
        TestTar evil = new TestTar().file("ok", "written first").symlink("out", "/tmp").file("out/evil", "x");
        assertThrows(LayerEscapeException.class, () -> LayerApplier.apply(evil.stream(), dir, snapshotter.whiteoutMode()));
        snapshotter.remove("bad");
        assertEquals(before, tree(root));
        assertEquals(List.of("l1"), snapshotter.list().stream().map(SnapshotInfo::name).toList());
    }

    protected static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).collect(Collectors.toSet());
        }
    }
}
