package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterministicTarTest {
    @TempDir
    Path tmp;

    @Test
    void writes_entries_sorted_by_path_whatever_the_insertion_order() throws IOException {
        Path out = tmp.resolve("t.tar");
        new DeterministicTar()
                .file("etc/passwd", 0644, bytes("root"))
                .symlink("bin/sh", "busybox")
                .directory("etc", 0755)
                .directory("bin", 0755)
                .writeTo(out);

        assertEquals(List.of("bin/", "bin/sh", "etc/", "etc/passwd"), List.copyOf(TarReading.read(out).keySet()));
    }

    @Test
    void gives_identical_bytes_when_the_same_tree_is_written_twice() throws IOException {
        assertArrayEquals(sample(), sample());
    }

    @Test
    void records_root_ownership_fixed_mtime_modes_and_link_targets() throws IOException {
        Path out = tmp.resolve("t.tar");
        new DeterministicTar().directory("tmp", 01777).file("x", 0600, bytes("hi")).symlink("l", "x").writeTo(out);
        Map<String, TarReading> tar = TarReading.read(out);

        TarArchiveEntry dir = tar.get("tmp/").entry();
        assertTrue(dir.isDirectory());
        assertEquals(01777, dir.getMode() & 07777);
        TarArchiveEntry file = tar.get("x").entry();
        assertEquals(0600, file.getMode() & 07777);
        assertEquals(0, file.getLongUserId());
        assertEquals(DeterministicTar.MTIME.toEpochMilli(), file.getModTime().getTime());
        assertArrayEquals(bytes("hi"), tar.get("x").content());
        assertTrue(tar.get("l").entry().isSymbolicLink());
        assertEquals("x", tar.get("l").entry().getLinkName());
    }

    @Test
    void rejects_duplicate_absolute_and_escaping_paths() {
        DeterministicTar tar = new DeterministicTar().directory("a", 0755);
        assertThrows(IllegalArgumentException.class, () -> tar.directory("a", 0700));
        assertThrows(IllegalArgumentException.class, () -> tar.file("/etc/passwd", 0644, bytes("")));
        assertThrows(IllegalArgumentException.class, () -> tar.symlink("a/../../x", "y"));
    }

    @Test
    void fails_when_streamed_content_differs_from_the_declared_size() {
        DeterministicTar tar = new DeterministicTar().file("f", 0644, 10, () -> new ByteArrayInputStream(bytes("short")));
        IOException e = assertThrows(IOException.class, () -> tar.writeTo(new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("declared 10 bytes"), e.getMessage());
    }

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DeterministicTar().directory("d", 0755).file("d/f", 0644, bytes("content")).symlink("d/l", "f").writeTo(out);
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
