package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class NodesTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;

    @Test
    void creates_a_character_device_with_its_numbers() throws Exception {
        Path dev = tmp.resolve("null");
        Nodes.mknod(dev, Nodes.S_IFCHR | 0666, 1, 3);
        int mode = (int) Files.getAttribute(dev, "unix:mode", NOFOLLOW);
        assertEquals(Nodes.S_IFCHR, mode & Nodes.S_IFMT);
        assertEquals(new DeviceNumber(1, 3), DeviceNumber.fromRdev((long) Files.getAttribute(dev, "unix:rdev", NOFOLLOW)));
    }

    @Test
    void creates_a_block_device_and_a_fifo() throws Exception {
        Path block = tmp.resolve("sda1");
        Path fifo = tmp.resolve("pipe");
        Nodes.mknod(block, Nodes.S_IFBLK | 0600, 8, 1);
        Nodes.mknod(fifo, Nodes.S_IFIFO | 0644, 0, 0);
        assertEquals(Nodes.S_IFBLK, (int) Files.getAttribute(block, "unix:mode", NOFOLLOW) & Nodes.S_IFMT);
        assertEquals(Nodes.S_IFIFO, (int) Files.getAttribute(fifo, "unix:mode", NOFOLLOW) & Nodes.S_IFMT);
        assertEquals(new DeviceNumber(8, 1), DeviceNumber.fromRdev((long) Files.getAttribute(block, "unix:rdev", NOFOLLOW)));
    }

    @Test
    void fails_with_eexist_when_the_node_exists() throws Exception {
        Path f = Files.createFile(tmp.resolve("f"));
        LinuxException e = assertThrows(LinuxException.class, () -> Nodes.mknod(f, Nodes.S_IFIFO | 0644, 0, 0));
        assertEquals(Errno.EEXIST, e.errno());
    }

    @Test
    void changes_the_owner_of_a_symlink_not_its_target() throws Exception {
        Path target = Files.createFile(tmp.resolve("target"));
        Path link = tmp.resolve("link");
        Nodes.symlink("target", link);
        Nodes.lchown(link, 1234, 5678);
        assertEquals(1234, (int) Files.getAttribute(link, "unix:uid", NOFOLLOW));
        assertEquals(5678, (int) Files.getAttribute(link, "unix:gid", NOFOLLOW));
        assertEquals(0, (int) Files.getAttribute(target, "unix:uid", NOFOLLOW));
    }

    @Test
    void keeps_setuid_setgid_and_sticky_bits() throws Exception {
        Path f = Files.createFile(tmp.resolve("f"));
        Nodes.lchown(f, 1, 1);
        Nodes.chmod(f, 07755);
        assertEquals(07755, (int) Files.getAttribute(f, "unix:mode", NOFOLLOW) & 07777);
    }

    @Test
    void keeps_the_exact_symlink_text() throws Exception {
        Path link = tmp.resolve("l");
        Nodes.symlink("a//b/../c/", link);
        assertEquals("a//b/../c/", readlink(link));
    }

    @Test
    void sets_nanosecond_times_on_a_symlink_itself() throws Exception {
        Path target = Files.createFile(tmp.resolve("t"));
        FileTime before = Files.getLastModifiedTime(target);
        Path link = tmp.resolve("l");
        Nodes.symlink("t", link);
        FileTime mtime = FileTime.from(Instant.ofEpochSecond(1_500_000_000L, 123_456_789));
        FileTime atime = FileTime.from(Instant.ofEpochSecond(1_400_000_000L, 987_654_321));
        Nodes.utimensat(link, atime, mtime);
        BasicFileAttributes attrs = Files.readAttributes(link, BasicFileAttributes.class, NOFOLLOW);
        assertEquals(mtime, attrs.lastModifiedTime());
        assertEquals(atime, attrs.lastAccessTime());
        assertEquals(before, Files.getLastModifiedTime(target));
    }

    private static String readlink(Path link) throws Exception {
        // Path normalises the text it reads; the readlink program shows the bytes on disk.
        String out = Command.of("readlink", link.toString()).run().check().stdout();
        assertTrue(out.endsWith("\n"));
        return out.substring(0, out.length() - 1);
    }
}
