package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vfs-style diffs: the container's full tree against the image's. */
class ChangeScannerTest {
    private static final FileTime T0 = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    @TempDir
    Path tmp;

    private static List<String> lines(List<FileChange> changes) {
        return changes.stream().map(c -> c.letter() + " " + c.path()).toList();
    }

    /** The same tree twice, every time pinned, so only what a test changes differs. */
    private Path[] twoTrees() throws IOException {
        Path image = tmp.resolve("image");
        Path container = tmp.resolve("container");
        for (Path t : new Path[] {image, container}) {
            Files.createDirectories(t.resolve("etc"));
            Files.createDirectories(t.resolve("tmp"));
            Files.createDirectories(t.resolve("usr/bin"));
            Files.writeString(t.resolve("etc/motd"), "hello");
            Files.writeString(t.resolve("etc/hosts"), "127.0.0.1 localhost");
            Files.writeString(t.resolve("usr/bin/tool"), "#!/bin/sh");
        }
        return new Path[] {image, container};
    }

    private static void pin(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(p, T0);
            }
        }
    }

    @Test
    void identical_trees_have_no_changes() throws IOException {
        Path[] t = twoTrees();
        pin(t[0]);
        pin(t[1]);
        assertEquals(List.of(), ChangeScanner.compare(t[1], t[0]));
    }

    @Test
    void added_modified_and_deleted_files_show_with_their_parent_directories() throws IOException {
        Path[] t = twoTrees();
        Path c = t[1];
        Files.writeString(c.resolve("tmp/x"), "new");
        Files.writeString(c.resolve("etc/hosts"), "127.0.0.1 localhost changed");
        Files.delete(c.resolve("etc/motd"));
        pin(t[0]);
        pin(c);
        assertEquals(List.of("C /etc", "C /etc/hosts", "D /etc/motd", "C /tmp", "A /tmp/x"),
                lines(ChangeScanner.compare(c, t[0])));
    }

    @Test
    void an_added_directory_lists_its_contents_and_a_deleted_one_only_itself() throws IOException {
        Path[] t = twoTrees();
        Path c = t[1];
        Files.createDirectories(c.resolve("opt/app"));
        Files.writeString(c.resolve("opt/app/run"), "x");
        Files.delete(c.resolve("usr/bin/tool"));
        Files.delete(c.resolve("usr/bin"));
        pin(t[0]);
        pin(c);
        assertEquals(List.of("A /opt", "A /opt/app", "A /opt/app/run", "C /usr", "D /usr/bin"),
                lines(ChangeScanner.compare(c, t[0])));
    }

    @Test
    void a_file_touched_without_content_change_is_modified() throws IOException {
        Path[] t = twoTrees();
        pin(t[0]);
        pin(t[1]);
        Files.setLastModifiedTime(t[1].resolve("usr/bin/tool"), FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
        assertEquals(List.of("C /usr", "C /usr/bin", "C /usr/bin/tool"), lines(ChangeScanner.compare(t[1], t[0])));
    }

    @Test
    void without_an_image_everything_is_added() throws IOException {
        Path[] t = twoTrees();
        assertEquals(List.of("A /etc", "A /etc/hosts", "A /etc/motd", "A /tmp", "A /usr", "A /usr/bin",
                "A /usr/bin/tool"), lines(ChangeScanner.compare(t[1], null)));
    }

    @Test
    void overlay_upper_without_whiteouts_tells_added_from_modified_by_the_lower_tree() throws IOException {
        Path[] t = twoTrees();
        Path lower = t[0];
        pin(lower);
        Path upper = tmp.resolve("upper");
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/hosts"), "changed");
        Files.createDirectories(upper.resolve("tmp"));
        Files.setLastModifiedTime(upper.resolve("tmp"), T0);
        Files.setPosixFilePermissions(upper.resolve("tmp"), Files.getPosixFilePermissions(lower.resolve("tmp")));
        Files.writeString(upper.resolve("tmp/x"), "new");
        Files.setLastModifiedTime(upper.resolve("tmp"), T0);
        Files.setLastModifiedTime(upper.resolve("etc"), FileTime.from(Instant.parse("2026-03-01T00:00:00Z")));
        assertEquals(List.of("C /etc", "C /etc/hosts", "C /tmp", "A /tmp/x"), lines(ChangeScanner.fromUpper(upper, lower)));
    }
}
