package dev.berth.storage.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.IdMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class DirectoryTarTest {
    @TempDir
    Path tmp;

    private static TestTar richLayer() {
        // Every directory is an entry, so its time comes from the tar (at tar precision), not from the clock.
        return new TestTar()
                .dir("etc").dir("usr").dir("usr/bin").dir("dev").dir("deep").dir("deep/" + "n".repeat(120))
                .file("etc/shadow", "secret", e -> {
                    e.setMode(0640);
                    e.setGroupId(42L);
                })
                .file("usr/bin/passwd", "suid", e -> {
                    e.setMode(04755);
                    e.addPaxHeader("SCHILY.xattr.user.origin", "test");
                })
                .hardlink("usr/bin/chfn", "usr/bin/passwd")
                .symlink("bin", "usr/bin")
                .device("dev/null", TarConstants.LF_CHR, 1, 3)
                .device("dev/fifo", TarConstants.LF_FIFO, 0, 0)
                .file("deep/" + "n".repeat(120) + "/" + "m".repeat(90), "long", e -> e.setUserId(1000L));
    }

    @Test
    void round_trips_a_tree_through_a_tar() throws Exception {
        Path first = Files.createDirectory(tmp.resolve("first"));
        LayerApplier.apply(richLayer().stream(), first, WhiteoutMode.DELETE);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        DirectoryTar.write(first, tar, false);
        Path second = Files.createDirectory(tmp.resolve("second"));
        LayerApplier.apply(new ByteArrayInputStream(tar.toByteArray()), second, WhiteoutMode.DELETE);
        assertEquals(TreeListing.of(first), TreeListing.of(second));
        assertTrue(TreeListing.of(second).stream().anyMatch(l -> l.startsWith("usr/bin/chfn ") && l.contains("nlink=2")));
    }

    @Test
    void a_remapped_tree_goes_out_with_the_ids_the_container_sees() throws Exception {
        IdMap remap = new IdMap(List.of(new IdMap.Range(0, 100000, 65536)), List.of(new IdMap.Range(0, 100000, 65536)));
        Path dir = Files.createDirectory(tmp.resolve("remapped"));
        LayerApplier.apply(richLayer().stream(), dir, WhiteoutMode.DELETE, remap);
        Files.writeString(dir.resolve("by-host-root"), "unmapped");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        DirectoryTar.write(dir, tar, false, remap);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Files.delete(dir.resolve("by-host-root"));
        Path reference = Files.createDirectory(tmp.resolve("reference"));
        LayerApplier.apply(richLayer().stream(), reference, WhiteoutMode.DELETE);
        DirectoryTar.write(reference, plain, false);
        List<String> owners = new ArrayList<>();
        for (TarArchiveEntry e : entries(tar.toByteArray())) {
            owners.add(e.getName() + " " + e.getLongUserId() + ":" + e.getLongGroupId());
        }
        List<String> expected = new ArrayList<>();
        for (TarArchiveEntry e : entries(plain.toByteArray())) {
            expected.add(e.getName() + " " + e.getLongUserId() + ":" + e.getLongGroupId());
        }
        expected.add(1, "by-host-root 65534:65534");
        assertEquals(expected, owners);
    }

    @Test
    void writes_the_same_bytes_for_the_same_tree() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        LayerApplier.apply(richLayer().stream(), dir, WhiteoutMode.DELETE);
        ByteArrayOutputStream once = new ByteArrayOutputStream();
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        DirectoryTar.write(dir, once, false);
        DirectoryTar.write(dir, twice, false);
        assertArrayEquals(once.toByteArray(), twice.toByteArray());
        String deep = "deep/" + "n".repeat(120) + "/";
        assertEquals(List.of("bin", "deep/", deep, deep + "m".repeat(90), "dev/", "dev/fifo", "dev/null", "etc/", "etc/shadow",
                "usr/", "usr/bin/", "usr/bin/chfn", "usr/bin/passwd"), names(once.toByteArray()));
    }

    @Test
    void turns_overlay_whiteouts_back_into_wh_entries() throws Exception {
        Path upper = Files.createDirectory(tmp.resolve("upper"));
        LayerApplier.apply(new TestTar().file("etc/.wh.motd", "").dir("opt").file("opt/.wh..wh..opq", "").file("opt/new", "n")
                .stream(), upper, WhiteoutMode.OVERLAY);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        DirectoryTar.write(upper, tar, true);
        assertEquals(List.of("etc/", "etc/.wh.motd", "opt/", "opt/.wh..wh..opq", "opt/new"), names(tar.toByteArray()));
        for (TarArchiveEntry e : entries(tar.toByteArray())) {
            assertTrue(e.getExtraPaxHeaders().keySet().stream().noneMatch(k -> k.contains("trusted.overlay")), e.getName());
        }
    }

    private static List<String> names(byte[] tar) throws Exception {
        return entries(tar).stream().map(TarArchiveEntry::getName).toList();
    }

    private static List<TarArchiveEntry> entries(byte[] tar) throws Exception {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e);
            }
        }
        return entries;
    }
}
