package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.linux.Nodes;
import dev.berth.linux.Xattrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlay whiteouts (0:0 character devices) and opaque directories need root to create. */
@Tag("integration")
class ChangeScannerOverlayTest {
    @TempDir
    Path tmp;

    @Test
    void whiteouts_are_deletions_and_opaque_directories_hide_the_lower_contents() throws Exception {
        Path lower = tmp.resolve("lower");
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/motd"), "hi");
        Files.createDirectories(lower.resolve("var/cache"));
        Files.writeString(lower.resolve("var/cache/a"), "a");
        Files.writeString(lower.resolve("var/cache/b"), "b");
        // The lower layer is older than the container's changes, as it always is; equal mtimes would hide /var.
        for (String d : List.of("etc", "var", "var/cache")) {
            Files.setLastModifiedTime(lower.resolve(d), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        }
        Path upper = tmp.resolve("upper");
        Files.createDirectories(upper.resolve("etc"));
        Nodes.mknod(upper.resolve("etc/motd"), Nodes.S_IFCHR, 0, 0);
        Files.createDirectories(upper.resolve("var/cache"));
        Xattrs.lsetxattr(upper.resolve("var/cache"), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(upper.resolve("var/cache/b"), "new b");
        List<String> lines = ChangeScanner.fromUpper(upper, lower).stream().map(c -> c.letter() + " " + c.path()).toList();
        assertEquals(List.of("C /etc", "D /etc/motd", "C /var", "C /var/cache", "D /var/cache/a", "C /var/cache/b"),
                lines);
    }
}
