package dev.berth.storage;

import dev.berth.linux.DeviceNumber;
import dev.berth.linux.Nodes;
import dev.berth.linux.Xattrs;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a tree exactly, as vfs needs for a child snapshot: owners, all mode bits, nanosecond times,
 * xattrs, symlinks as they are, hard links kept as links, device nodes and FIFOs.
 */
final class TreeCopier extends SimpleFileVisitor<Path> {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final String UNIX_ATTRIBUTES = "unix:mode,uid,gid,rdev,ino,dev,nlink,lastModifiedTime,lastAccessTime";

    private final Path source;
    private final Path target;
    private final Map<String, Path> copiedInodes = new HashMap<>();

    private TreeCopier(Path source, Path target) {
        this.source = source;
        this.target = target;
    }

    static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new TreeCopier(source, target));
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectory(mirror(dir));
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
            throw e;
        }
        // Last, so that creating the directory's children does not move its times again.
        stamp(dir, mirror(dir), Files.readAttributes(dir, UNIX_ATTRIBUTES, NOFOLLOW));
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes basic) throws IOException {
        Path copy = mirror(file);
        Map<String, Object> attrs = Files.readAttributes(file, UNIX_ATTRIBUTES, NOFOLLOW);
        int mode = (int) attrs.get("mode");
        switch (mode & Nodes.S_IFMT) {
            case Nodes.S_IFLNK -> Nodes.symlink(Files.readSymbolicLink(file).toString(), copy);
            case Nodes.S_IFCHR, Nodes.S_IFBLK, Nodes.S_IFIFO -> {
                DeviceNumber device = DeviceNumber.fromRdev((long) attrs.get("rdev"));
                Nodes.mknod(copy, mode & (Nodes.S_IFMT | 0777), device.major(), device.minor());
            }
            case Nodes.S_IFREG -> {
                if (linkedToEarlierCopy(copy, attrs)) {
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, copy, NOFOLLOW);
            }
            default -> throw new IOException("cannot copy " + file + ": a socket or unknown file type");
        }
        stamp(file, copy, attrs);
        return FileVisitResult.CONTINUE;
    }

    private boolean linkedToEarlierCopy(Path copy, Map<String, Object> attrs) throws IOException {
        if ((int) attrs.get("nlink") < 2) {
            return false;
        }
        Path earlier = copiedInodes.putIfAbsent(attrs.get("dev") + ":" + attrs.get("ino"), copy);
        if (earlier == null) {
            return false;
        }
        Files.createLink(copy, earlier);
        return true;
    }

    /** Owner before mode, since chown clears setuid and setgid. */
    private static void stamp(Path from, Path to, Map<String, Object> attrs) throws IOException {
        int mode = (int) attrs.get("mode");
        Nodes.lchown(to, (int) attrs.get("uid"), (int) attrs.get("gid"));
        if ((mode & Nodes.S_IFMT) != Nodes.S_IFLNK) {
            Nodes.chmod(to, mode & 07777);
        }
        for (String name : Xattrs.llistxattr(from)) {
            byte[] value = Xattrs.lgetxattr(from, name).orElse(null);
            if (value != null) {
                Xattrs.lsetxattr(to, name, value);
            }
        }
        Nodes.utimensat(to, (FileTime) attrs.get("lastAccessTime"), (FileTime) attrs.get("lastModifiedTime"));
    }

    private Path mirror(Path path) {
        return target.resolve(source.relativize(path).toString());
    }
}
