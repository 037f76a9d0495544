package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class MountsTest {
    @TempDir
    Path tmp;

    @Test
    void mounts_a_tmpfs_and_unmounts_it() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("mnt"));
        Mounts.mount("tmpfs", target, "tmpfs", Mounts.MS_NOSUID, "size=1m,mode=0700");
        try {
            assertEquals(Filesystems.TMPFS_MAGIC, Filesystems.statfsType(target));
            Files.writeString(target.resolve("f"), "x");
            assertTrue(Files.readString(Path.of("/proc/self/mountinfo")).contains(target.toString()));
        } finally {
            Mounts.umount2(target, 0);
        }
        assertTrue(Files.notExists(target.resolve("f")));
    }

    @Test
    void binds_read_only_when_asked() throws Exception {
        Path source = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(source.resolve("f"), "hello");
        Path target = Files.createDirectory(tmp.resolve("dst"));
        Mounts.bind(source, target, true);
        try {
            assertEquals("hello", Files.readString(target.resolve("f")));
            assertThrows(java.io.IOException.class, () -> Files.writeString(target.resolve("g"), "no"));
        } finally {
            Mounts.umount2(target, Mounts.MNT_DETACH);
        }
    }

    @Test
    void reports_errno_syscall_and_path_when_mount_fails() {
        Path missing = tmp.resolve("missing");
        LinuxException e = assertThrows(LinuxException.class, () -> Mounts.mount("tmpfs", missing, "tmpfs", 0, null));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("mount", e.syscall());
        assertEquals(missing.toString(), e.path().orElseThrow());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    @Test
    void refuses_to_unmount_what_is_not_a_mount_point() {
        LinuxException e = assertThrows(LinuxException.class, () -> Mounts.umount2(tmp, 0));
        assertEquals(Errno.EINVAL, e.errno());
    }
}
