package dev.berth.storage;

import dev.berth.linux.Filesystems;
import dev.berth.linux.IdMap;
import dev.berth.linux.Mounts;
import dev.berth.storage.archive.TreeRemover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Picks the storage driver for a data-root, as dockerd does: the one asked for, or else overlay2 when a trial
 * overlay mount works there and vfs when it does not. Each driver keeps its files in
 * {@code dataRoot/<type>} ({@code /var/lib/berth/overlay2}, {@code /var/lib/berth/vfs}).
 */
public final class Snapshotters {
    private Snapshotters() {
    }

    public static Snapshotter choose(Path dataRoot, Optional<String> requested) throws IOException {
        return choose(dataRoot, requested, IdMap.IDENTITY);
    }

    /** As {@link #choose(Path, Optional)}, for files owned by the host ids of {@code idMap} ({@code --userns-remap}). */
    public static Snapshotter choose(Path dataRoot, Optional<String> requested, IdMap idMap) throws IOException {
        if (requested.isEmpty()) {
            return overlayProblem(dataRoot.resolve(Overlay2Snapshotter.TYPE)).isEmpty()
                    ? new Overlay2Snapshotter(dataRoot.resolve(Overlay2Snapshotter.TYPE), idMap)
                    : new VfsSnapshotter(dataRoot.resolve(VfsSnapshotter.TYPE), idMap);
        }
        return switch (requested.get()) {
            case Overlay2Snapshotter.TYPE -> {
                Path root = dataRoot.resolve(Overlay2Snapshotter.TYPE);
                Optional<String> problem = overlayProblem(root);
                if (problem.isPresent()) {
                    throw new IOException("storage driver overlay2 cannot be used on " + root + ": " + problem.get()
                            + "; choose the vfs storage driver instead");
                }
                yield new Overlay2Snapshotter(root, idMap);
            }
            case VfsSnapshotter.TYPE -> new VfsSnapshotter(dataRoot.resolve(VfsSnapshotter.TYPE), idMap);
            default -> throw new IllegalArgumentException("unknown storage driver \"" + requested.get()
                    + "\"; berth supports overlay2 and vfs");
        };
    }

    /** Why overlay2 cannot work in {@code root}, found by trying it; empty when it can. */
    static Optional<String> overlayProblem(Path root) throws IOException {
        Files.createDirectories(root);
        if (Filesystems.statfsType(root) == Filesystems.OVERLAYFS_MAGIC) {
            return Optional.of("it is itself on overlayfs, which cannot be an overlay upper layer");
        }
        Path trial = Files.createTempDirectory(root, "overlay-check-");
        try {
            Path lower = Files.createDirectory(trial.resolve("lower"));
            Files.createFile(lower.resolve("file"));
            if (!Filesystems.reportsEntryTypes(lower)) {
                return Optional.of("its file system does not report directory entry types (d_type)");
            }
            Path upper = Files.createDirectory(trial.resolve("upper"));
            Path work = Files.createDirectory(trial.resolve("work"));
            Path merged = Files.createDirectory(trial.resolve("merged"));
            Mounts.mount("overlay", merged, "overlay", 0, "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
            Mounts.umount2(merged, 0);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("a trial overlay mount failed: " + e.getMessage());
        } finally {
            TreeRemover.remove(trial);
        }
    }
}
