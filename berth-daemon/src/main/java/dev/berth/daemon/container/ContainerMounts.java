package dev.berth.daemon.container;

import dev.berth.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Lends out a container's file system: the running container's mounted rootfs, or for a stopped one
 * its snapshot mounted at a private path under the exec-root and unmounted afterwards. While a
 * stopped container's snapshot is lent, the container's monitor is held, so it cannot start and
 * mount the same snapshot a second time.
 *
 * <pre>{@code
 * PathStat stat = mounts.with(container, fs -> PathStat.of(fs.host(fs.resolve("/etc/hosts", false)), "hosts", ""));
 * }</pre>
 */
final class ContainerMounts {
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private final ContainerContext ctx;

    ContainerMounts(ContainerContext ctx) {
        this.ctx = ctx;
    }

    /** Where stopped containers' snapshots and image views are mounted while lent. */
    static Path mountRoot(ContainerContext ctx) {
        return ctx.execRoot().resolve("archive");
    }

    /**
     * After a crash: mounts left under {@link #mountRoot} are detached and their directories go, and
     * so do the image views {@link ContainerDiff} made, which nothing else would ever remove.
     */
    static void clearDebris(ContainerContext ctx) {
        Path root = mountRoot(ctx);
        if (Files.isDirectory(root)) {
            try (var dirs = Files.list(root)) {
                for (Path dir : dirs.toList()) {
                    try {
                        Mounts.umount2(dir, Mounts.MNT_DETACH);
                    } catch (IOException notMounted) {
                        LOG.log(System.Logger.Level.DEBUG, dir + " was not mounted");
                    }
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "could not remove " + dir + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not clear " + root + ": " + e.getMessage());
            }
        }
        for (var s : ctx.snapshotter().list()) {
            if (s.kind() == dev.berth.storage.SnapshotKind.VIEW && s.name().startsWith(ContainerDiff.VIEW_PREFIX)) {
                try {
                    ctx.snapshotter().remove(s.name());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not remove view " + s.name() + ": " + e.getMessage());
                }
            }
        }
    }

    @FunctionalInterface
    interface FsAction<T> {
        T apply(ContainerFs fs) throws IOException;
    }

    <T> T with(Container c, FsAction<T> action) throws IOException {
        if (c.record().state().running()) {
            return action.apply(ContainerFs.of(ctx.runDir(c.id()).resolve("rootfs"), c.record().mounts()));
        }
        synchronized (c) {
            if (c.record().state().running()) {
                return action.apply(ContainerFs.of(ctx.runDir(c.id()).resolve("rootfs"), c.record().mounts()));
            }
            Path target = mountRoot(ctx).resolve(c.id().substring(0, 12) + "-" + UUID.randomUUID());
            Files.createDirectories(target);
            try {
                ctx.snapshotter().mount(c.id(), target);
                try {
                    return action.apply(ContainerFs.of(target, c.record().mounts()));
                } finally {
                    unmount(target);
                }
            } finally {
                Files.deleteIfExists(target);
            }
        }
    }

    private void unmount(Path target) {
        try {
            ctx.snapshotter().unmount(target);
        } catch (IOException e) {
            try {
                Mounts.umount2(target, Mounts.MNT_DETACH);
            } catch (IOException still) {
                LOG.log(System.Logger.Level.WARNING, "could not unmount " + target + ": " + still.getMessage());
            }
        }
    }
}
