package dev.berth.daemon.container;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A container's file system as the daemon reaches it from the host: the mounted rootfs plus the
 * volumes and binds at their mount points (which the rootfs mount itself does not show).
 *
 * <p>{@code docker cp c:/etc/alt/file .}: {@code resolve("/etc/alt/file", false)} follows every
 * symlink on the way inside the container's root, as Docker's {@code FollowSymlinkInScope} does (an
 * absolute target restarts at the container's {@code /}, {@code ..} never climbs above it), and gives
 * the clean container path, say {@code /etc/alternatives/file}; {@link #host} then names the file on
 * the host: under the rootfs, or under the source of the volume mounted at {@code /etc} if there is one.
 */
public record ContainerFs(Path rootfs, List<Mount> mounts) {
    private static final int MAX_SYMLINKS = 255;

    /** A bind or volume: the container path it is mounted at and the host directory behind it. */
    public record Mount(String destination, Path source, boolean rw) {
        public Mount {
            if (!destination.startsWith("/")) {
                throw new IllegalArgumentException("mount destination must be absolute: " + destination);
            }
        }
    }

    public ContainerFs {
        mounts = List.copyOf(mounts);
    }

    /** The rootfs with the container's binds and volumes; tmpfs mounts have no host directory and are left out. */
    public static ContainerFs of(Path rootfs, List<ContainerRecord.MountPoint> points) {
        List<Mount> mounts = new ArrayList<>();
        for (ContainerRecord.MountPoint m : points == null ? List.<ContainerRecord.MountPoint>of() : points) {
            if ((m.type().equals("bind") || m.type().equals("volume")) && m.source() != null && !m.source().isEmpty()) {
                mounts.add(new Mount(clean(m.destination()), Path.of(m.source()), m.rw()));
            }
        }
        return new ContainerFs(rootfs, mounts);
    }

    /**
     * The container path that {@code path} names once every symlink is followed inside the root; the
     * last component is followed only with {@code followLast} (or when the path ends in {@code /} or
     * {@code /.}, which means the directory itself). Components need not exist: resolving stops
     * following at the first missing one, as Docker's does.
     */
    public String resolve(String path, boolean followLast) throws IOException {
        boolean follow = followLast || path.endsWith("/") || path.endsWith("/.");
        Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
        List<String> resolved = new ArrayList<>();
        int symlinks = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            resolved.add(part);
            boolean last = pending.stream().allMatch(p -> p.isEmpty() || p.equals("."));
            if (last && !follow) {
                break;
            }
            Path host = host(join(resolved));
            BasicFileAttributes attrs = lstat(host);
            if (attrs == null || !attrs.isSymbolicLink()) {
                continue;
            }
            if (++symlinks > MAX_SYMLINKS) {
                throw new FileSystemException(path, null, "too many levels of symbolic links");
            }
            resolved.removeLast();
            String target = Files.readSymbolicLink(host).toString();
            if (target.startsWith("/")) {
                resolved.clear();
            }
            List<String> parts = List.of(target.split("/"));
            for (int i = parts.size() - 1; i >= 0; i--) {
                pending.push(parts.get(i));
            }
        }
        return join(resolved);
    }

    /** Where a clean, resolved container path lives on the host. */
    public Path host(String containerPath) {
        Optional<Mount> mount = mountOf(containerPath);
        if (mount.isPresent()) {
            String rest = containerPath.substring(mount.get().destination().length());
            return rest.isEmpty() || rest.equals("/") ? mount.get().source() : mount.get().source().resolve(rest.substring(1));
        }
        return containerPath.equals("/") ? rootfs : rootfs.resolve(containerPath.substring(1));
    }

    /** The innermost bind or volume holding a clean container path, if any. */
    public Optional<Mount> mountOf(String containerPath) {
        return mounts.stream()
                .filter(m -> containerPath.equals(m.destination()) || containerPath.startsWith(m.destination() + "/")
                        || m.destination().equals("/"))
                .max(Comparator.comparingInt(m -> m.destination().length()));
    }

    static String clean(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.add(p);
        }
        return join(parts);
    }

    private static String join(List<String> parts) {
        return "/" + String.join("/", parts);
    }

    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Not a directory")) {
                return null;
            }
            throw e;
        }
    }
}
