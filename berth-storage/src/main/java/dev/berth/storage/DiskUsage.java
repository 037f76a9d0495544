package dev.berth.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Apparent size of the regular files under a directory, a hard-linked file counted once (like {@code du}). */
final class DiskUsage {
    private DiskUsage() {
    }

    static long bytes(Path dir) throws IOException {
        Set<String> seenInodes = new HashSet<>();
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Map<String, Object> unix = Files.readAttributes(file, "unix:ino,dev,nlink", LinkOption.NOFOLLOW_LINKS);
                    boolean first = (int) unix.get("nlink") < 2 || seenInodes.add(unix.get("dev") + ":" + unix.get("ino"));
                    if (first) {
                        total[0] += attrs.size();
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
