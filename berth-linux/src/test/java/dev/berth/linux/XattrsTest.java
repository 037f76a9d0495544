package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class XattrsTest {
    @TempDir
    Path tmp;

    @Test
    void sets_gets_lists_and_removes_binary_values() throws Exception {
        Path f = Files.createFile(tmp.resolve("f"));
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0x80};
        Xattrs.lsetxattr(f, "user.bin", binary);
        Xattrs.lsetxattr(f, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(binary, Xattrs.lgetxattr(f, "user.bin").orElseThrow());
        List<String> names = Xattrs.llistxattr(f);
        assertTrue(names.containsAll(List.of("user.bin", "trusted.overlay.opaque")), names.toString());
        Xattrs.lremovexattr(f, "user.bin");
        assertEquals(Optional.empty(), Xattrs.lgetxattr(f, "user.bin"));
    }

    @Test
    void stores_an_empty_value() throws Exception {
        Path f = Files.createFile(tmp.resolve("f"));
        Xattrs.lsetxattr(f, "user.empty", new byte[0]);
        assertArrayEquals(new byte[0], Xattrs.lgetxattr(f, "user.empty").orElseThrow());
    }

    @Test
    void acts_on_a_symlink_itself() throws Exception {
        Path target = Files.createFile(tmp.resolve("t"));
        Path link = tmp.resolve("l");
        Nodes.symlink("t", link);
        Xattrs.lsetxattr(link, "trusted.mark", new byte[] {7});
        assertArrayEquals(new byte[] {7}, Xattrs.lgetxattr(link, "trusted.mark").orElseThrow());
        assertEquals(Optional.empty(), Xattrs.lgetxattr(target, "trusted.mark"));
    }

    @Test
    void reports_a_missing_file() {
        LinuxException e = assertThrows(LinuxException.class, () -> Xattrs.llistxattr(tmp.resolve("none")));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("llistxattr", e.syscall());
    }
}
