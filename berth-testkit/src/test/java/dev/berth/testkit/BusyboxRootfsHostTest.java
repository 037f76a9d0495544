package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class BusyboxRootfsHostTest {
    @TempDir
    Path tmp;

    @Test
    void links_every_applet_the_host_busybox_lists() throws IOException {
        BusyboxRootfs host = BusyboxRootfs.fromHost();
        Path out = tmp.resolve("busybox.tar");
        BusyboxRootfs.writeTar(out);
        Map<String, TarReading> tar = TarReading.read(out);

        assertTrue(host.applets().containsAll(java.util.List.of("sh", "echo", "ls", "cat")), host.applets().toString());
        for (String applet : host.applets()) {
            assertEquals("busybox", tar.get("bin/" + applet).entry().getLinkName(), applet);
        }
        assertEquals(Files.size(BusyboxRootfs.HOST_BUSYBOX), tar.get("bin/busybox").entry().getSize());
    }

    @Test
    void writes_the_same_bytes_on_every_build() throws IOException {
        Path a = tmp.resolve("a.tar");
        Path b = tmp.resolve("b.tar");
        BusyboxRootfs.writeTar(a);
        BusyboxRootfs.writeTar(b);

        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
