package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathStatTest {
    @TempDir
    Path tmp;

    @Test
    void go_file_mode_sets_type_bits_like_os_lstat() {
        assertEquals(0644, PathStat.goFileMode(0100644));
        assertEquals(2147484141L, PathStat.goFileMode(0040755));
        assertEquals((1L << 27) | 0777, PathStat.goFileMode(0120777));
        assertEquals((1L << 26) | (1L << 21) | 0666, PathStat.goFileMode(0020666));
        assertEquals((1L << 26) | 0660, PathStat.goFileMode(0060660));
        assertEquals((1L << 25) | 0644, PathStat.goFileMode(0010644));
        assertEquals((1L << 24) | 0755, PathStat.goFileMode(0140755));
    }

    @Test
    void go_file_mode_carries_setuid_setgid_and_sticky() {
        assertEquals((1L << 23) | 0755, PathStat.goFileMode(0104755));
        assertEquals((1L << 22) | 0755, PathStat.goFileMode(0102755));
        assertEquals((1L << 31) | (1L << 20) | 0777, PathStat.goFileMode(0041777));
    }

    @Test
    void go_time_drops_trailing_zeros_of_the_fraction() {
        assertEquals("2026-11-28T04:14:59.1619036Z", PathStat.goTime(Instant.parse("2026-11-28T04:14:59.161903600Z")));
        assertEquals("2026-11-28T04:14:00Z", PathStat.goTime(Instant.parse("2026-11-28T04:14:00Z")));
    }

    @Test
    void header_is_standard_base64_of_dockers_json() throws Exception {
        Path f = Files.writeString(tmp.resolve("file.txt"), "hello\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-28T04:14:59.161903622Z")));
        PathStat stat = PathStat.of(f, "file.txt", "");
        JsonNode json = Json.mapper().readTree(new String(Base64.getDecoder().decode(stat.header()), StandardCharsets.UTF_8));
        assertEquals("file.txt", json.get("name").asText());
        assertEquals(6, json.get("size").asLong());
        assertEquals(420, json.get("mode").asLong());
        assertEquals("2026-11-28T04:14:59.161903622Z", json.get("mtime").asText());
        assertEquals("", json.get("linkTarget").asText());
    }

    @Test
    void directory_stat_has_the_dir_bit() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("root"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        PathStat stat = PathStat.of(d, "root", "");
        assertTrue(stat.isDirectory());
        assertEquals(2147484141L, stat.mode());
    }
}
