package dev.berth.storage.archive;

import dev.berth.linux.DeviceNumber;
import dev.berth.linux.IdMap;
import dev.berth.linux.Nodes;
import dev.berth.linux.Xattrs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory as a tar: the same bytes for the same tree (entries sorted by name, no user or group
 * names, no access times), PAX headers for long names, xattrs and nanosecond mtimes. Used for
 * {@code docker export}, {@code docker commit} and {@code docker diff}.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(layerTar)) {
 *     DirectoryTar.write(snapshotter.diffDir(name), out, true);  // overlay upper dir → a layer with .wh. entries
 * }
 * }</pre>
 */
public final class DirectoryTar {
    private static final int BUFFER = 256 * 1024;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final String UNIX_ATTRIBUTES = "unix:mode,uid,gid,rdev,ino,dev,nlink,size,lastModifiedTime";

    private final Path root;
    private final TarArchiveOutputStream tar;
    private final boolean overlayWhiteouts;
    private final IdMap ids;
    private final Map<String, String> firstPathOfInode = new HashMap<>();
    private final byte[] buffer = new byte[BUFFER];

    private DirectoryTar(Path root, TarArchiveOutputStream tar, boolean overlayWhiteouts, IdMap ids) {
        this.root = root;
        this.tar = tar;
        this.overlayWhiteouts = overlayWhiteouts;
        this.ids = ids;
    }

    /**
     * Writes {@code dir}'s contents (not {@code dir} itself) to {@code out}, which stays open. With
     * {@code overlayWhiteoutsToTar}, 0:0 character devices become {@code .wh.NAME} entries and directories
     * marked opaque gain a {@code .wh..wh..opq} entry.
     */
    public static void write(Path dir, OutputStream out, boolean overlayWhiteoutsToTar) throws IOException {
        write(dir, out, overlayWhiteoutsToTar, IdMap.IDENTITY);
    }

    /**
     * As {@link #write(Path, OutputStream, boolean)} for a tree whose owners are host ids of {@code ids}: the tar
     * records the ids the container sees.
     */
    public static void write(Path dir, OutputStream out, boolean overlayWhiteoutsToTar, IdMap ids) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), BUFFER);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        new DirectoryTar(dir, tar, overlayWhiteoutsToTar, ids).writeChildren(dir);
        tar.finish();
        tar.close();
    }

    private void writeChildren(Path dir) throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.sorted((a, b) -> Arrays.compare(nameBytes(a), nameBytes(b))).toList();
        }
        for (Path child : children) {
            writeNode(child);
        }
    }

    private void writeNode(Path path) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, UNIX_ATTRIBUTES, NOFOLLOW);
        int mode = (int) attrs.get("mode");
        int type = mode & Nodes.S_IFMT;
        String name = root.relativize(path).toString();
        long rdev = (long) attrs.get("rdev");
        if (overlayWhiteouts && type == Nodes.S_IFCHR && rdev == 0) {
            Path parent = root.relativize(path).getParent();
            String whiteout = (parent == null ? "" : parent + "/") + Whiteouts.PREFIX + path.getFileName();
            putEmpty(header(new TarArchiveEntry(whiteout), attrs, 0));
            return;
        }
        TarArchiveEntry entry = switch (type) {
            case Nodes.S_IFDIR -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
            case Nodes.S_IFLNK -> symlink(name, path);
            case Nodes.S_IFCHR, Nodes.S_IFBLK -> device(name, type, rdev);
            case Nodes.S_IFIFO -> new TarArchiveEntry(name, TarConstants.LF_FIFO);
            case Nodes.S_IFREG -> regularOrLink(name, attrs);
            default -> throw new IOException("cannot put " + path + " in a tar: it is a socket or an unknown type");
        };
        header(entry, attrs, mode);
        addXattrs(entry, path);
        boolean hasContent = type == Nodes.S_IFREG && !entry.isLink();
        if (hasContent) {
            entry.setSize((long) attrs.get("size"));
        }
        tar.putArchiveEntry(entry);
        if (hasContent) {
            copyContent(path, entry.getSize());
        }
        tar.closeArchiveEntry();
        if (type == Nodes.S_IFDIR) {
            writeOpaqueMarker(path, name, attrs);
            writeChildren(path);
        }
    }

    private TarArchiveEntry regularOrLink(String name, Map<String, Object> attrs) {
        if ((int) attrs.get("nlink") > 1) {
            String inode = attrs.get("dev") + ":" + attrs.get("ino");
            String first = firstPathOfInode.putIfAbsent(inode, name);
            if (first != null) {
                TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK);
                link.setLinkName(first);
                return link;
            }
        }
        return new TarArchiveEntry(name);
    }

    private static TarArchiveEntry symlink(String name, Path path) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(Files.readSymbolicLink(path).toString());
        return entry;
    }

    private static TarArchiveEntry device(String name, int type, long rdev) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type == Nodes.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        DeviceNumber number = DeviceNumber.fromRdev(rdev);
        entry.setDevMajor(number.major());
        entry.setDevMinor(number.minor());
        return entry;
    }

    /** Numeric owner only: names would depend on the host's /etc/passwd, not on the tree. */
    private TarArchiveEntry header(TarArchiveEntry entry, Map<String, Object> attrs, int mode) {
        entry.setMode(mode & 07777);
        entry.setUserId(ids.containerUid(Integer.toUnsignedLong((int) attrs.get("uid"))));
        entry.setGroupId(ids.containerGid(Integer.toUnsignedLong((int) attrs.get("gid"))));
        entry.setUserName("");
        entry.setGroupName("");
        entry.setLastModifiedTime((FileTime) attrs.get("lastModifiedTime"));
        return entry;
    }

    private void addXattrs(TarArchiveEntry entry, Path path) throws IOException {
        List<String> names = Xattrs.llistxattr(path).stream().sorted().toList();
        for (String name : names) {
            if (overlayWhiteouts && name.startsWith(Whiteouts.OVERLAY_XATTR_PREFIX)) {
                continue;
            }
            byte[] value = Xattrs.lgetxattr(path, name).orElse(null);
            if (value != null) {
                entry.addPaxHeader("SCHILY.xattr." + name, new String(value, StandardCharsets.UTF_8));
            }
        }
    }

    private void writeOpaqueMarker(Path dir, String name, Map<String, Object> attrs) throws IOException {
        if (!overlayWhiteouts) {
            return;
        }
        byte[] opaque = Xattrs.lgetxattr(dir, Whiteouts.OVERLAY_OPAQUE_XATTR).orElse(null);
        if (opaque != null && new String(opaque, StandardCharsets.US_ASCII).equals("y")) {
            putEmpty(header(new TarArchiveEntry(name + "/" + Whiteouts.OPAQUE), attrs, 0));
        }
    }

    private void putEmpty(TarArchiveEntry entry) throws IOException {
        entry.setSize(0);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private void copyContent(Path file, long size) throws IOException {
        long copied = 0;
        try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
            int n;
            while (copied < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied))) > 0) {
                tar.write(buffer, 0, n);
                copied += n;
            }
        }
        if (copied != size) {
            throw new IOException(file + " changed size while being written to a tar");
        }
    }

    private static byte[] nameBytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Lets the tar stream be closed (flushing it) while the caller keeps its stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
