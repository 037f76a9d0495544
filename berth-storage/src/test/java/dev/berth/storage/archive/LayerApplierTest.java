package dev.berth.storage.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.DeviceNumber;
import dev.berth.linux.IdMap;
import dev.berth.linux.Nodes;
import dev.berth.linux.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class LayerApplierTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;

    private Path dir() throws Exception {
        return Files.createDirectories(tmp.resolve("layer"));
    }

    private static int attr(Path p, String name) throws Exception {
        return (int) Files.getAttribute(p, "unix:" + name, NOFOLLOW);
    }

    @Test
    void keeps_owners_modes_times_and_xattrs() throws Exception {
        Path dir = dir();
        long applied = LayerApplier.apply(new TestTar()
                .dir("bin")
                .file("bin/su", "suid", e -> {
                    e.setMode(04755);
                    e.setUserId(0L);
                    e.setGroupId(0L);
                })
                .file("home/user/notes", "hello", e -> {
                    e.setMode(0600);
                    e.setUserId(1000L);
                    e.setGroupId(1001L);
                    e.addPaxHeader("SCHILY.xattr.user.note", "kept");
                })
                .dir("tmp").add(new TarArchiveEntry("tmp2/", TarConstants.LF_DIR), null, e -> e.setMode(01777))
                .stream(), dir, WhiteoutMode.DELETE);
        assertEquals(9, applied);
        assertEquals(04755, attr(dir.resolve("bin/su"), "mode") & 07777);
        assertEquals(01777, attr(dir.resolve("tmp2"), "mode") & 07777);
        Path notes = dir.resolve("home/user/notes");
        assertEquals(1000, attr(notes, "uid"));
        assertEquals(1001, attr(notes, "gid"));
        assertEquals(0600, attr(notes, "mode") & 07777);
        assertEquals(TestTar.TIME, Files.getLastModifiedTime(notes, NOFOLLOW));
        assertEquals(TestTar.TIME, Files.getLastModifiedTime(dir.resolve("bin"), NOFOLLOW), "directory time set after its contents");
        assertArrayEquals("kept".getBytes(StandardCharsets.UTF_8), Xattrs.lgetxattr(notes, "user.note").orElseThrow());
        assertEquals(0755, attr(dir.resolve("home"), "mode") & 07777, "missing parents are created 0755");
    }

    @Test
    void shifts_owners_into_a_remapped_range_and_gives_implied_directories_to_its_root() throws Exception {
        Path dir = dir();
        IdMap remap = new IdMap(List.of(new IdMap.Range(0, 100000, 65536)), List.of(new IdMap.Range(0, 200000, 65536)));
        LayerApplier.apply(new TestTar()
                .file("etc/motd", "hi")
                .file("home/user/notes", "x", e -> {
                    e.setUserId(1000L);
                    e.setGroupId(1001L);
                })
                .stream(), dir, WhiteoutMode.OVERLAY, remap);
        assertEquals(List.of(100000, 200000), List.of(attr(dir.resolve("etc/motd"), "uid"), attr(dir.resolve("etc/motd"), "gid")));
        assertEquals(List.of(101000, 201001), List.of(attr(dir.resolve("home/user/notes"), "uid"),
                attr(dir.resolve("home/user/notes"), "gid")));
        assertEquals(List.of(100000, 200000), List.of(attr(dir.resolve("home/user"), "uid"), attr(dir.resolve("home/user"), "gid")));
        IOException e = assertThrows(IOException.class, () -> LayerApplier.apply(
                new TestTar().file("big", "x", t -> t.setUserId(70000L)).stream(), dir, WhiteoutMode.OVERLAY, remap));
        assertEquals("layer entry \"big\": Container ID 70000 cannot be mapped to a host ID", e.getMessage());
    }

    @Test
    void creates_hard_links_symlinks_devices_and_fifos() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar()
                .file("a", "shared")
                .hardlink("b", "a")
                .symlink("abs", "/etc/../nowhere/")
                .device("null", TarConstants.LF_CHR, 1, 3)
                .device("sda", TarConstants.LF_BLK, 8, 0)
                .device("pipe", TarConstants.LF_FIFO, 0, 0)
                .stream(), dir, WhiteoutMode.OVERLAY);
        assertEquals(Files.getAttribute(dir.resolve("a"), "unix:ino"), Files.getAttribute(dir.resolve("b"), "unix:ino"));
        assertEquals("/etc/../nowhere", Files.readSymbolicLink(dir.resolve("abs")).toString().replaceAll("/$", ""));
        assertEquals(Nodes.S_IFCHR, attr(dir.resolve("null"), "mode") & Nodes.S_IFMT);
        assertEquals(new DeviceNumber(1, 3), DeviceNumber.fromRdev((long) Files.getAttribute(dir.resolve("null"), "unix:rdev", NOFOLLOW)));
        assertEquals(Nodes.S_IFBLK, attr(dir.resolve("sda"), "mode") & Nodes.S_IFMT);
        assertEquals(Nodes.S_IFIFO, attr(dir.resolve("pipe"), "mode") & Nodes.S_IFMT);
        assertEquals(0620, attr(dir.resolve("pipe"), "mode") & 07777);
    }

    @Test
    void keeps_a_pax_mtime_to_the_100_nanoseconds_commons_compress_parses() throws Exception {
        Path dir = dir();
        byte[] pax = "30 mtime=1600000000.123456789\n".getBytes(StandardCharsets.UTF_8);
        LayerApplier.apply(new TestTar()
                .add(new TarArchiveEntry("PaxHeaders/f", TarConstants.LF_PAX_EXTENDED_HEADER_LC), pax, e -> { })
                .add(new TarArchiveEntry("f"), new byte[0], e -> e.setLastModifiedTime(java.nio.file.attribute.FileTime.fromMillis(0)))
                .stream(), dir, WhiteoutMode.DELETE);
        assertEquals(java.time.Instant.ofEpochSecond(1_600_000_000L, 123_456_700),
                Files.getLastModifiedTime(dir.resolve("f"), NOFOLLOW).toInstant());
    }

    @Test
    void reads_gnu_long_names_and_pax_paths() throws Exception {
        String longName = "d/" + "x".repeat(150) + "/" + "y".repeat(120);
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            Path dir = Files.createDirectories(tmp.resolve("long" + mode));
            LayerApplier.apply(new TestTar(mode).file(longName, "deep").stream(), dir, WhiteoutMode.DELETE);
            assertEquals("deep", Files.readString(dir.resolve(longName)));
        }
    }

    @Test
    void turns_a_whiteout_into_a_0_0_device_in_overlay_mode() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().file("etc/.wh.motd", "").stream(), dir, WhiteoutMode.OVERLAY);
        Path motd = dir.resolve("etc/motd");
        assertEquals(Nodes.S_IFCHR, attr(motd, "mode") & Nodes.S_IFMT);
        assertEquals(0L, (long) Files.getAttribute(motd, "unix:rdev", NOFOLLOW));
        assertFalse(Files.exists(dir.resolve("etc/.wh.motd"), NOFOLLOW));
    }

    @Test
    void deletes_what_a_whiteout_names_in_delete_mode() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().file("etc/motd", "hi").file("var/cache/x/y", "z").stream(), dir, WhiteoutMode.DELETE);
        LayerApplier.apply(new TestTar().file("etc/.wh.motd", "").file("var/.wh.cache", "").stream(), dir, WhiteoutMode.DELETE);
        assertFalse(Files.exists(dir.resolve("etc/motd"), NOFOLLOW));
        assertFalse(Files.exists(dir.resolve("var/cache"), NOFOLLOW));
        assertTrue(Files.isDirectory(dir.resolve("var")));
    }

    @Test
    void marks_an_opaque_directory_with_the_overlay_xattr() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().dir("opt").file("opt/.wh..wh..opq", "").file("opt/new", "n").stream(), dir, WhiteoutMode.OVERLAY);
        assertEquals(Optional.of("y"), Xattrs.lgetxattr(dir.resolve("opt"), "trusted.overlay.opaque").map(String::new));
        assertTrue(Files.exists(dir.resolve("opt/new")));
        assertFalse(Files.exists(dir.resolve("opt/.wh..wh..opq"), NOFOLLOW));
    }

    @Test
    void empties_an_opaque_directory_but_keeps_this_layers_entries_in_delete_mode() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().file("opt/old", "o").file("opt/sub/old", "o").file("opt/sub/kept-name", "old").stream(),
                dir, WhiteoutMode.DELETE);
        // The opaque marker comes after one new entry and before another: the result must not depend on order.
        LayerApplier.apply(new TestTar().file("opt/before", "b").file("opt/.wh..wh..opq", "").file("opt/sub/kept-name", "new")
                .stream(), dir, WhiteoutMode.DELETE);
        assertEquals(java.util.List.of("opt", "opt/before", "opt/sub", "opt/sub/kept-name"),
                TreeListing.of(dir).stream().map(l -> l.split(" ")[0]).toList());
        assertEquals("new", Files.readString(dir.resolve("opt/sub/kept-name")));
    }

    @Test
    void ignores_aufs_hard_link_bookkeeping() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().file(".wh..wh.plnk/123.456", "x").stream(), dir, WhiteoutMode.DELETE);
        assertFalse(Files.exists(dir.resolve(".wh..wh.plnk"), NOFOLLOW));
    }

    @Test
    void replaces_an_existing_node_of_another_type() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().file("x/inner", "i").file("y", "file").stream(), dir, WhiteoutMode.DELETE);
        LayerApplier.apply(new TestTar().file("x", "now a file").symlink("y", "x").stream(), dir, WhiteoutMode.DELETE);
        assertEquals("now a file", Files.readString(dir.resolve("x")));
        assertTrue(Files.isSymbolicLink(dir.resolve("y")));
    }

    @Test
    void replaces_a_final_symlink_instead_of_writing_through_it() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside"), "untouched");
        Path dir = dir();
        LayerApplier.apply(new TestTar().symlink("victim", outside.toString()).stream(), dir, WhiteoutMode.DELETE);
        LayerApplier.apply(new TestTar().file("victim", "replaced").stream(), dir, WhiteoutMode.DELETE);
        assertEquals("untouched", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(dir.resolve("victim")));
        assertEquals("replaced", Files.readString(dir.resolve("victim")));
    }

    @Test
    void follows_a_parent_symlink_that_stays_inside() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().dir("usr/lib").symlink("lib", "usr/lib").file("lib/libc.so", "c").stream(), dir, WhiteoutMode.DELETE);
        assertEquals("c", Files.readString(dir.resolve("usr/lib/libc.so")));
    }

    @Test
    void refuses_an_absolute_entry_name() throws Exception {
        assertEscape(new TestTar().add(new TarArchiveEntry("/etc/evil", true), new byte[0], e -> e.setMode(0644)), "/etc/evil");
    }

    @Test
    void refuses_dot_dot_escaping_the_root() throws Exception {
        assertEscape(new TestTar().file("../escaped", "x"), "../escaped");
    }

    @Test
    void refuses_writing_through_an_absolute_symlink() throws Exception {
        assertEscape(new TestTar().symlink("etc", "/etc").file("etc/evil", "x"), "etc/evil");
    }

    @Test
    void refuses_writing_through_a_relative_symlink_that_climbs_out() throws Exception {
        assertEscape(new TestTar().dir("a").symlink("a/up", "../..").file("a/up/evil", "x"), "a/up/evil");
    }

    @Test
    void refuses_writing_through_a_symlink_an_earlier_layer_created() throws Exception {
        Path dir = dir();
        LayerApplier.apply(new TestTar().symlink("tmpdir", tmp.toString()).stream(), dir, WhiteoutMode.OVERLAY);
        LayerEscapeException e = assertThrows(LayerEscapeException.class, () ->
                LayerApplier.apply(new TestTar().file("tmpdir/evil", "x").stream(), dir, WhiteoutMode.OVERLAY));
        assertTrue(e.getMessage().contains("tmpdir/evil"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    @Test
    void refuses_a_hard_link_to_a_file_outside() throws Exception {
        assertEscape(new TestTar().hardlink("passwd", "../../../../etc/passwd"), "passwd");
    }

    @Test
    void refuses_a_whiteout_through_an_escaping_symlink() throws Exception {
        Files.writeString(tmp.resolve("precious"), "p");
        assertEscape(new TestTar().symlink("up", "..").file("up/.wh.precious", ""), "up/.wh.precious");
        assertTrue(Files.exists(tmp.resolve("precious")));
    }

    private void assertEscape(TestTar tar, String entry) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("escape/inner/layer"));
        LayerEscapeException e = assertThrows(LayerEscapeException.class, () -> LayerApplier.apply(tar.stream(), dir, WhiteoutMode.DELETE));
        assertTrue(e.getMessage().contains("\"" + entry + "\""), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escape/evil")) || Files.exists(tmp.resolve("escape/inner/evil")) || Files.exists(Path.of("/etc/evil")));
    }
}
