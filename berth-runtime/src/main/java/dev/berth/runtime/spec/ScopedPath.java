package dev.berth.runtime.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a container's rootfs the way the container would see it: symlinks are followed with the
 * rootfs as {@code /}, and {@code ..} stops at it. An image's {@code /etc/passwd -> /host/etc/passwd} thus never
 * makes berth read a host file.
 */
final class ScopedPath {
    private static final int MAX_LINKS = 255;

    private ScopedPath() {
    }

    static Path resolve(Path root, String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components(path));
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            if (!Files.isSymbolicLink(candidate)) {
                done.addLast(part);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IOException("too many symlinks resolving " + path + " in " + root);
            }
            String target = Files.readSymbolicLink(candidate).toString();
            if (target.startsWith("/")) {
                done.clear();
            }
            List<String> more = components(target);
            for (int i = more.size() - 1; i >= 0; i--) {
                todo.addFirst(more.get(i));
            }
        }
        return join(root, done);
    }

    private static List<String> components(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty() && !s.equals(".")).toList();
    }

    private static Path join(Path root, Deque<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
