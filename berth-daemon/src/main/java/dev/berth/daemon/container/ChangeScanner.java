package dev.berth.daemon.container;

import dev.berth.linux.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a container changed, found by looking at trees, the way Docker's {@code changes} does it.
 *
 * <p>Overlay2: {@link #fromUpper} walks the container's upper directory. A 0:0 character device is
 * a deletion; anything else is added, or modified when the image (the {@code lower} tree, merged)
 * has it already, except directories that only hold changes and kept their size, mode and time. An
 * opaque directory replaced the image's: what the image had in it and the upper lacks is deleted.
 *
 * <p>vfs: {@link #compare} walks the container's full tree against the image's.
 *
 * <p>In both, the parent of an added or deleted path is reported modified, once, and the result is
 * sorted by path, e.g. {@code C /tmp}, {@code A /tmp/x}, {@code D /etc/motd}.
 */
final class ChangeScanner {
    private static final String STAT = "unix:mode,uid,gid,rdev,size,lastModifiedTime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFLNK = 0120000;

    private final List<FileChange> changes = new ArrayList<>();
    private final Set<String> changedDirs = new HashSet<>();

    private ChangeScanner() {
    }

    /** Overlay2: the upper directory against the merged image tree ({@code lower} may be absent: no image layers). */
    static List<FileChange> fromUpper(Path upper, Path lower) throws IOException {
        ChangeScanner s = new ChangeScanner();
        s.walkUpper(upper, lower, "");
        return s.sorted();
    }

    /** vfs: the container's full tree against the image's ({@code base} may be absent). */
    static List<FileChange> compare(Path tree, Path base) throws IOException {
        ChangeScanner s = new ChangeScanner();
        s.walkFull(tree, base, "");
        return s.sorted();
    }

    private void walkUpper(Path upper, Path lower, String rel) throws IOException {
        for (Path child : children(upper.resolve(relPath(rel)))) {
            String path = rel + "/" + child.getFileName();
            Map<String, Object> a = stat(child);
            int type = (int) a.get("mode") & S_IFMT;
            if (type == S_IFCHR && (long) a.get("rdev") == 0) {
                addWithParent(path, FileChange.DELETED);
                continue;
            }
            Map<String, Object> old = lower == null ? null : statOrNull(lower.resolve(relPath(path)));
            boolean dir = type == S_IFDIR;
            boolean reported = true;
            if (old == null) {
                addWithParent(path, FileChange.ADDED);
            } else if (!(dir && isDir(old) && sameDir(a, old))) {
                changes.add(new FileChange(path, FileChange.MODIFIED));
            } else {
                reported = false;
            }
            if (dir) {
                if (reported) {
                    changedDirs.add(path);
                }
                if (old != null && isDir(old) && opaque(child)) {
                    deleteHidden(upper, lower, path);
                }
                walkUpper(upper, lower, path);
            }
        }
    }

    /** In an opaque directory, every name the image had and the upper does not is gone. */
    private void deleteHidden(Path upper, Path lower, String path) throws IOException {
        for (Path old : children(lower.resolve(relPath(path)))) {
            if (statOrNull(upper.resolve(relPath(path)).resolve(old.getFileName().toString())) == null) {
                addWithParent(path + "/" + old.getFileName(), FileChange.DELETED);
            }
        }
    }

    private void walkFull(Path tree, Path base, String rel) throws IOException {
        Path dir = tree.resolve(relPath(rel));
        Set<String> present = new HashSet<>();
        for (Path child : children(dir)) {
            present.add(child.getFileName().toString());
            String path = rel + "/" + child.getFileName();
            Map<String, Object> a = stat(child);
            Map<String, Object> old = base == null ? null : statOrNull(base.resolve(relPath(path)));
            int before = changes.size();
            if (old == null) {
                addWithParent(path, FileChange.ADDED);
            } else if (different(a, old, child, base.resolve(relPath(path)))) {
                changes.add(new FileChange(path, FileChange.MODIFIED));
            }
            if (isDir(a)) {
                if (changes.size() > before) {
                    changedDirs.add(path);
                }
                walkFull(tree, old != null && isDir(old) ? base : null, path);
                if (changes.size() > before && changedDirs.add(path)) {
                    changes.add(new FileChange(path, FileChange.MODIFIED)); // something inside changed
                }
            }
        }
        if (base != null) {
            for (Path old : children(base.resolve(relPath(rel)))) {
                if (!present.contains(old.getFileName().toString())) {
                    addWithParent(rel + "/" + old.getFileName(), FileChange.DELETED);
                }
            }
        }
    }

    private void addWithParent(String path, int kind) {
        changes.add(new FileChange(path, kind));
        String parent = path.substring(0, path.lastIndexOf('/'));
        if (!parent.isEmpty() && changedDirs.add(parent)) {
            changes.add(new FileChange(parent, FileChange.MODIFIED));
        }
    }

    /** Docker's test for a directory that is only in the upper because something under it changed. */
    private static boolean sameDir(Map<String, Object> a, Map<String, Object> b) {
        return a.get("mode").equals(b.get("mode")) && a.get("size").equals(b.get("size"))
                && a.get("lastModifiedTime").equals(b.get("lastModifiedTime"));
    }

    /** Docker's {@code statDifferent}: owner, mode, device; for non-directories also size, time and link target. */
    private static boolean different(Map<String, Object> a, Map<String, Object> b, Path pa, Path pb) throws IOException {
        if (!a.get("mode").equals(b.get("mode")) || !a.get("uid").equals(b.get("uid"))
                || !a.get("gid").equals(b.get("gid")) || !a.get("rdev").equals(b.get("rdev"))) {
            return true;
        }
        if (isDir(a)) {
            return false;
        }
        if (!a.get("size").equals(b.get("size")) || !a.get("lastModifiedTime").equals(b.get("lastModifiedTime"))) {
            return true;
        }
        return ((int) a.get("mode") & S_IFMT) == S_IFLNK
                && !Objects.equals(Files.readSymbolicLink(pa), Files.readSymbolicLink(pb));
    }

    private static boolean isDir(Map<String, Object> a) {
        return ((int) a.get("mode") & S_IFMT) == S_IFDIR;
    }

    private static boolean opaque(Path dir) throws IOException {
        return Xattrs.lgetxattr(dir, "trusted.overlay.opaque")
                .map(v -> new String(v, StandardCharsets.US_ASCII).equals("y")).orElse(false);
    }

    private static Map<String, Object> stat(Path p) throws IOException {
        return Files.readAttributes(p, STAT, LinkOption.NOFOLLOW_LINKS);
    }

    private static Map<String, Object> statOrNull(Path p) throws IOException {
        return ContainerFs.lstat(p) == null ? null : stat(p);
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted((x, y) -> Arrays.compare(name(x), name(y))).toList();
        }
    }

    private static byte[] name(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String relPath(String rel) {
        return rel.isEmpty() ? "" : rel.substring(1);
    }

    private List<FileChange> sorted() {
        return changes.stream().sorted(java.util.Comparator.comparing(FileChange::path)).toList();
    }
}
