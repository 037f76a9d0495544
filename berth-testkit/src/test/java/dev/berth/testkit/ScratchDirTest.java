package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ScratchDirTest {
    @Test
    void unescapes_octal_sequences_from_mountinfo() {
        assertEquals("/tmp/a b\tc\\d", ScratchDir.unescape("/tmp/a\\040b\\011c\\134d"));
        assertEquals("/plain\\x", ScratchDir.unescape("/plain\\x"));
    }

    @Test
    void deletes_its_whole_tree_including_symlinks_without_following_them() throws IOException {
        ScratchDir outside = ScratchDir.create("scratch-target-");
        Files.writeString(outside.resolve("keep"), "x");
        ScratchDir dir = ScratchDir.create("scratch-test-");
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/f"), "x");
        Files.createSymbolicLink(dir.resolve("link"), outside.path());

        dir.delete();

        assertFalse(Files.exists(dir.path()));
        assertEquals("x", Files.readString(outside.resolve("keep")));
        outside.delete();
    }
}
