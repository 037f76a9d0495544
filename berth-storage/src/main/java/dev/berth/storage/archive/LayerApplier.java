package dev.berth.storage.archive;

import dev.berth.linux.Errno;
import dev.berth.linux.IdMap;
import dev.berth.linux.LinuxException;
import dev.berth.linux.Nodes;
import dev.berth.linux.Xattrs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one uncompressed layer tar onto a directory: the snapshot a {@code Snapshotter.prepare} returned.
 *
 * <pre>{@code
 * Path dir = snapshotter.prepare(key, parent);
 * try (InputStream tar = decompressed(blob)) {
 *     long size = LayerApplier.apply(tar, dir, snapshotter.whiteoutMode());
 *     snapshotter.commit(chainId, key);
 * } catch (IOException e) {
 *     snapshotter.remove(key);   // leaves the snapshotter as it was before prepare
 *     throw e;
 * }
 * }</pre>
 *
 * Owners, all mode bits, nanosecond times, xattrs, hard links, symlinks, devices and FIFOs are kept. Given an
 * {@link IdMap}, owners are stored as the host ids the container's ids map to ({@code --userns-remap}), and
 * directories the tar implies but does not list belong to the container's root.
 * No write passes through a symlink that leads outside {@code dir}, and no write follows a symlink in
 * the final component: a {@link LayerEscapeException} stops the apply instead.
 */
public final class LayerApplier {
    private static final int BUFFER = 256 * 1024;
    private static final String XATTR_PAX = "SCHILY.xattr.";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;
    private final WhiteoutMode mode;
    private final IdMap ids;
    private final ConfinedResolver resolver;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    /** Directory times are set last: creating their contents would move them again. */
    private final List<DirectoryTimes> directoryTimes = new ArrayList<>();
    /** DELETE mode: opaque directories and what this layer created, so the reset is order-independent. */
    private final Set<String> opaqueDirectories = new LinkedHashSet<>();
    private final Set<String> created = new HashSet<>();
    private long appliedBytes;

    private record DirectoryTimes(Path dir, FileTime atime, FileTime mtime) {
    }

    private LayerApplier(Path root, WhiteoutMode mode, IdMap ids) {
        this.root = root;
        this.mode = mode;
        this.ids = ids;
        this.resolver = new ConfinedResolver(root);
    }

    /** Applies the tar read from {@code uncompressedTar} onto {@code dir}; returns the bytes of file content written. */
    public static long apply(InputStream uncompressedTar, Path dir, WhiteoutMode mode) throws IOException {
        return apply(uncompressedTar, dir, mode, IdMap.IDENTITY);
    }

    /** As {@link #apply(InputStream, Path, WhiteoutMode)}, with owners shifted to the host ids of {@code ids}. */
    public static long apply(InputStream uncompressedTar, Path dir, WhiteoutMode mode, IdMap ids) throws IOException {
        LayerApplier applier = new LayerApplier(dir, mode, ids);
        TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(uncompressedTar, BUFFER),
                StandardCharsets.UTF_8.name());
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            applier.applyEntry(entry, tar);
        }
        applier.finish();
        return applier.appliedBytes;
    }

    private void applyEntry(TarArchiveEntry entry, InputStream content) throws IOException {
        if (entry.isGlobalPaxHeader()) {
            return;
        }
        LayerPath path = LayerPath.parse(entry.getName());
        if (path.isRoot()) {
            if (entry.isDirectory()) {
                stamp(root, entry);
            }
            return;
        }
        if (path.parent().stream().anyMatch(c -> c.startsWith(Whiteouts.META_PREFIX))) {
            return;
        }
        String name = path.fileName();
        if (name.startsWith(Whiteouts.PREFIX)) {
            applyWhiteout(path, name);
            return;
        }
        Path target = resolver.resolve(path);
        createParents(target.getParent());
        markCreated(target);
        if (entry.isLink()) {
            linkTo(entry, target);
            return;
        }
        replaceUnlessBothDirectories(target, entry.isDirectory());
        create(entry, target, content);
        stamp(target, entry);
    }

    private void applyWhiteout(LayerPath path, String name) throws IOException {
        if (name.equals(Whiteouts.OPAQUE)) {
            Path dir = resolver.resolve(path).getParent();
            createParents(dir);
            if (mode == WhiteoutMode.OVERLAY) {
                Xattrs.lsetxattr(dir, Whiteouts.OVERLAY_OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
            } else {
                opaqueDirectories.add(resolver.relative(dir));
            }
            markCreated(dir);
            return;
        }
        if (name.startsWith(Whiteouts.META_PREFIX)) {
            return;
        }
        String hidden = name.substring(Whiteouts.PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw new LayerEscapeException(path.entryName(), "is a whiteout for no valid name");
        }
        Path target = resolver.resolve(path).resolveSibling(hidden);
        TreeRemover.remove(target);
        if (mode == WhiteoutMode.OVERLAY) {
            createParents(target.getParent());
            Nodes.mknod(target, Nodes.S_IFCHR, 0, 0);
            markCreated(target);
        }
    }

    private void create(TarArchiveEntry entry, Path target, InputStream content) throws IOException {
        if (entry.isDirectory()) {
            if (ConfinedResolver.attributes(target) == null) {
                Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        } else if (entry.isSymbolicLink()) {
            Nodes.symlink(entry.getLinkName(), target);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            int type = entry.isCharacterDevice() ? Nodes.S_IFCHR : Nodes.S_IFBLK;
            Nodes.mknod(target, type | (entry.getMode() & 0777), entry.getDevMajor(), entry.getDevMinor());
        } else if (entry.isFIFO()) {
            Nodes.mknod(target, Nodes.S_IFIFO | (entry.getMode() & 0777), 0, 0);
        } else if (entry.isFile()) {
            appliedBytes += writeFile(target, content);
        } else {
            throw new IOException("layer entry \"" + entry.getName() + "\" has a tar entry type berth does not apply");
        }
    }

    private long writeFile(Path target, InputStream content) throws IOException {
        long written = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
            byte[] array = buffer.array();
            int n;
            while ((n = content.readNBytes(array, 0, array.length)) > 0) {
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    written += out.write(buffer);
                }
            }
        }
        return written;
    }

    private void linkTo(TarArchiveEntry entry, Path target) throws IOException {
        LayerPath linkName;
        try {
            linkName = LayerPath.parse(entry.getLinkName());
        } catch (LayerEscapeException e) {
            throw new LayerEscapeException(entry.getName(), "is a hard link to \"" + entry.getLinkName() + "\" outside the layer root");
        }
        if (linkName.isRoot()) {
            throw new LayerEscapeException(entry.getName(), "is a hard link to the layer root");
        }
        Path existing = resolver.resolve(linkName);
        if (ConfinedResolver.attributes(existing) == null) {
            throw new IOException("layer entry \"" + entry.getName() + "\" is a hard link to \"" + entry.getLinkName()
                    + "\", which this layer does not contain");
        }
        replaceUnlessBothDirectories(target, false);
        Files.createLink(target, existing);
    }

    /** A directory the tar implies (it lists a path below it first, or never) is the container root's, 0755. */
    private void createParents(Path dir) throws IOException {
        if (ConfinedResolver.attributes(dir) != null) {
            return;
        }
        createParents(dir.getParent());
        Files.createDirectory(dir);
        Nodes.lchown(dir, (int) ids.hostUid(0), (int) ids.hostGid(0));
    }

    /** Owner before mode (chown clears setuid/setgid), then xattrs, then times. */
    private void stamp(Path target, TarArchiveEntry entry) throws IOException {
        try {
            Nodes.lchown(target, (int) ids.hostUid(entry.getLongUserId()), (int) ids.hostGid(entry.getLongGroupId()));
        } catch (IllegalArgumentException unmappable) {
            throw new IOException("layer entry \"" + entry.getName() + "\": " + unmappable.getMessage(), unmappable);
        }
        if (!entry.isSymbolicLink()) {
            Nodes.chmod(target, entry.getMode() & 07777);
        }
        setXattrs(target, entry);
        FileTime mtime = entry.getLastModifiedTime();
        FileTime atime = entry.getLastAccessTime() != null ? entry.getLastAccessTime() : mtime;
        if (entry.isDirectory()) {
            directoryTimes.add(new DirectoryTimes(target, atime, mtime));
        } else {
            Nodes.utimensat(target, atime, mtime);
        }
    }

    private void setXattrs(Path target, TarArchiveEntry entry) throws IOException {
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            if (!header.getKey().startsWith(XATTR_PAX)) {
                continue;
            }
            String name = header.getKey().substring(XATTR_PAX.length());
            try {
                Xattrs.lsetxattr(target, name, header.getValue().getBytes(StandardCharsets.UTF_8));
            } catch (LinuxException e) {
                // Symlinks may not carry user.* attributes; the kernel refuses, and so the layer cannot mean it.
                if (!(entry.isSymbolicLink() && e.errno() == Errno.EPERM)) {
                    throw e;
                }
            }
        }
    }

    private void replaceUnlessBothDirectories(Path target, boolean entryIsDirectory) throws IOException {
        BasicFileAttributes existing = ConfinedResolver.attributes(target);
        if (existing != null && !(existing.isDirectory() && entryIsDirectory)) {
            TreeRemover.remove(target);
        }
    }

    private void markCreated(Path target) {
        for (Path p = target; p != null && !p.equals(root); p = p.getParent()) {
            if (!created.add(resolver.relative(p))) {
                return;
            }
        }
    }

    private void finish() throws IOException {
        for (String opaque : opaqueDirectories) {
            removeOlderContent(root.resolve(opaque));
        }
        for (DirectoryTimes times : directoryTimes.reversed()) {
            Nodes.utimensat(times.dir(), times.atime(), times.mtime());
        }
    }

    /** DELETE mode's opaque directory: drop everything below it that this layer did not create. */
    private void removeOlderContent(Path dir) throws IOException {
        List<Path> children;
        try (var listing = Files.list(dir)) {
            children = listing.toList();
        }
        for (Path child : children) {
            if (!created.contains(resolver.relative(child))) {
                TreeRemover.remove(child);
            } else if (Files.isDirectory(child, NOFOLLOW)) {
                removeOlderContent(child);
            }
        }
    }
}
