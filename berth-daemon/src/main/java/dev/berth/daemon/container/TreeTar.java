package dev.berth.daemon.container;

import dev.berth.linux.DeviceNumber;
import dev.berth.linux.IdMap;
import dev.berth.linux.Xattrs;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar of host files under names the caller chooses, as {@code docker cp} needs them: the file
 * {@code /root/file.txt} becomes the entry {@code file.txt}, the directory {@code /root} becomes
 * {@code root/}, {@code root/file.txt}, …. Owners are numeric, xattrs go in PAX headers, files linked
 * twice are stored once and then as hard links. Owners are the ids the container sees ({@link IdMap}).
 *
 * <pre>{@code
 * try (TreeTar tar = TreeTar.on(out, snapshotter.idMap())) {
 *     tar.tree("/root", "root", fs::host);
 * }
 * }</pre>
 */
final class TreeTar implements AutoCloseable {
    private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,ino,dev,nlink,size,lastModifiedTime";
    private static final int S_IFMT = 0170000;

    private final TarArchiveOutputStream tar;
    private final IdMap ids;
    private final Map<String, String> firstNameOfInode = new HashMap<>();

    private TreeTar(TarArchiveOutputStream tar, IdMap ids) {
        this.tar = tar;
        this.ids = ids;
    }

    /** A tar writer on {@code out} for files owned by host ids of {@code ids}; closing it leaves {@code out} open. */
    static TreeTar on(OutputStream out, IdMap ids) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return new TreeTar(tar, ids);
    }

    /**
     * The container path {@code path} as {@code name}, and when it is a directory (not a symlink to
     * one) everything under it. {@code hostOf} says where each container path lives on the host, so
     * that a volume mounted inside the directory is read from its source.
     */
    void tree(String path, String name, Function<String, Path> hostOf) throws IOException {
        Path host = hostOf.apply(path);
        if (node(host, name)) {
            List<Path> children;
            try (Stream<Path> list = Files.list(host)) {
                children = list.sorted((a, b) -> Arrays.compare(bytes(a), bytes(b))).toList();
            }
            String prefix = path.equals("/") ? "/" : path + "/";
            for (Path child : children) {
                tree(prefix + child.getFileName(), name + "/" + child.getFileName(), hostOf);
            }
        }
    }

    /** Just {@code path} as {@code name}; true when it is a directory. */
    boolean node(Path path, String name) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (int) a.get("mode");
        int type = mode & S_IFMT;
        TarArchiveEntry entry = switch (type) {
            case 0040000 -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
            case 0120000 -> {
                TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                link.setLinkName(Files.readSymbolicLink(path).toString());
                yield link;
            }
            case 0020000, 0060000 -> {
                TarArchiveEntry dev = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                DeviceNumber number = DeviceNumber.fromRdev((long) a.get("rdev"));
                dev.setDevMajor(number.major());
                dev.setDevMinor(number.minor());
                yield dev;
            }
            case 0010000 -> new TarArchiveEntry(name, TarConstants.LF_FIFO);
            case 0100000 -> regularOrLink(name, a);
            default -> null;
        };
        if (entry == null) {
            return false; // sockets have no tar form; Docker leaves them out too
        }
        entry.setMode(mode & 07777);
        entry.setUserId(ids.containerUid(Integer.toUnsignedLong((int) a.get("uid"))));
        entry.setGroupId(ids.containerGid(Integer.toUnsignedLong((int) a.get("gid"))));
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime((FileTime) a.get("lastModifiedTime"));
        for (String x : Xattrs.llistxattr(path).stream().sorted().toList()) {
            if (!x.startsWith("trusted.overlay.")) {
                byte[] value = Xattrs.lgetxattr(path, x).orElse(null);
                if (value != null) {
                    entry.addPaxHeader("SCHILY.xattr." + x, new String(value, StandardCharsets.UTF_8));
                }
            }
        }
        boolean content = type == 0100000 && !entry.isLink();
        if (content) {
            entry.setSize((long) a.get("size"));
        }
        tar.putArchiveEntry(entry);
        if (content) {
            copy(path, entry.getSize());
        }
        tar.closeArchiveEntry();
        return type == 0040000;
    }

    /** A {@code .wh.NAME} entry: in a layer, the deletion of {@code NAME}. */
    void whiteout(String parent, String fileName) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry((parent.isEmpty() ? "" : parent + "/") + ".wh." + fileName);
        entry.setSize(0);
        entry.setUserName("");
        entry.setGroupName("");
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private TarArchiveEntry regularOrLink(String name, Map<String, Object> a) {
        if ((int) a.get("nlink") > 1) {
            String first = firstNameOfInode.putIfAbsent(a.get("dev") + ":" + a.get("ino"), name);
            if (first != null) {
                TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK);
                link.setLinkName(first);
                return link;
            }
        }
        return new TarArchiveEntry(name);
    }

    private void copy(Path file, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long copied = in.transferTo(new java.io.FilterOutputStream(tar) {
                private long left = size;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    int n = (int) Math.min(len, left);
                    tar.write(b, off, n);
                    left -= n;
                }
            });
            if (copied < size) {
                throw new IOException(file + " shrank while being copied");
            }
        }
    }

    private static byte[] bytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        tar.finish();
        tar.close();
    }
}
