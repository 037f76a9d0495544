package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout logic, fed a stand-in binary so it runs without busybox installed; see BusyboxRootfsHostTest. */
class BusyboxRootfsTest {
    @TempDir
    Path tmp;

    private Path binary;

    @BeforeEach
    void binary() throws IOException {
        binary = Files.write(tmp.resolve("busybox"), "not really an ELF".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void puts_the_binary_in_bin_with_a_symlink_per_applet() throws IOException {
        Map<String, TarReading> tar = write(new BusyboxRootfs(binary, List.of("sh", "echo", "["), 0));

        assertArrayEquals(Files.readAllBytes(binary), tar.get("bin/busybox").content());
        assertEquals(0755, tar.get("bin/busybox").entry().getMode() & 07777);
        for (String applet : List.of("sh", "echo", "[")) {
            assertTrue(tar.get("bin/" + applet).entry().isSymbolicLink(), applet);
            assertEquals("busybox", tar.get("bin/" + applet).entry().getLinkName());
        }
    }

    @Test
    void has_the_standard_directories_and_root_and_nobody_accounts() throws IOException {
        Map<String, TarReading> tar = write(new BusyboxRootfs(binary, List.of("sh"), 0));

        for (String d : List.of("etc", "proc", "sys", "dev", "tmp", "root", "var", "usr/bin", "home")) {
            assertTrue(tar.get(d + "/").entry().isDirectory(), d);
        }
        assertEquals(01777, tar.get("tmp/").entry().getMode() & 07777);
        String passwd = new String(tar.get("etc/passwd").content(), StandardCharsets.UTF_8);
        String group = new String(tar.get("etc/group").content(), StandardCharsets.UTF_8);
        assertTrue(passwd.startsWith("root:x:0:0:") && passwd.contains("\nnobody:x:65534:65534:"), passwd);
        assertTrue(group.startsWith("root:x:0:") && group.contains("\nnobody:x:65534:"), group);
    }

    @Test
    void writes_byte_identical_tars_for_the_same_input() throws IOException {
        BusyboxRootfs rootfs = new BusyboxRootfs(binary, List.of("sh", "ls"), 1);
        Path a = tmp.resolve("a.tar");
        Path b = tmp.resolve("b.tar");
        rootfs.writeTo(a);
        rootfs.writeTo(b);

        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void pads_with_the_requested_megabytes_under_pad() throws IOException {
        Map<String, TarReading> tar = write(new BusyboxRootfs(binary, List.of("sh"), 20));

        long padded = tar.entrySet().stream()
                .filter(e -> e.getKey().startsWith("pad/") && e.getValue().entry().isFile())
                .mapToLong(e -> e.getValue().entry().getSize())
                .sum();
        assertEquals(20L << 20, padded);
    }

    @Test
    void rejects_applet_names_that_are_paths_or_busybox_itself() {
        assertThrows(IllegalArgumentException.class, () -> new BusyboxRootfs(binary, List.of("../sh"), 0));
        assertThrows(IllegalArgumentException.class, () -> new BusyboxRootfs(binary, List.of("busybox"), 0));
        assertThrows(IllegalArgumentException.class, () -> new BusyboxRootfs(binary, List.of("sh"), -1));
    }

    private Map<String, TarReading> write(BusyboxRootfs rootfs) throws IOException {
        Path out = tmp.resolve("rootfs.tar");
        rootfs.writeTo(out);
        return TarReading.read(out);
    }
}
