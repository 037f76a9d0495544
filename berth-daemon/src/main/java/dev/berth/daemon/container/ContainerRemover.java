package dev.berth.daemon.container;

import dev.berth.oci.error.ConflictException;
import dev.berth.storage.archive.TreeRemover;
import java.io.IOException;
import java.util.Map;

/** {@code docker rm}: refuses a running container unless forced, then releases everything it held. */
public final class ContainerRemover {
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private final ContainerContext ctx;
    private final ContainerRunner runner;

    public ContainerRemover(ContainerContext ctx, ContainerRunner runner) {
        this.ctx = ctx;
        this.runner = runner;
    }

    public void remove(Container c, boolean force, boolean removeVolumes) throws IOException, InterruptedException {
        ContainerRecord r = c.record();
        if (r.state().running()) {
            if (!force) {
                throw new ConflictException("You cannot remove a running container " + r.id()
                        + ". Stop the container before attempting removal or force remove");
            }
            if (r.state().paused()) {
                runner.resume(c);
            }
            try {
                runner.kill(c, "KILL", r.shortName());
            } catch (ConflictException exiting) {
                // it exited on its own meanwhile; its exit is being recorded
            }
            c.await(x -> !x.record().state().running(), 30_000);
        }
        synchronized (c) {
            if (c.isRemoved()) {
                return;
            }
            ctx.store().update(c, x -> x.withState(x.state().removing()));
            runner.cleanUp(c);
            ctx.snapshotter().remove(c.id());
            deleteRunDir(c.id());
            ctx.store().remove(c);
            ctx.networking().forget(c.id());
        }
        if (removeVolumes) {
            for (ContainerRecord.MountPoint m : r.mounts()) {
                if (m.anonymous()) {
                    ctx.volumes().removeAnonymous(m.name());
                }
            }
        }
        ctx.event(r, "destroy", Map.of());
    }

    /**
     * Deletes the run directory without ever walking into the rootfs: if it were still mounted, a
     * recursive delete would empty the image's layers. Leftovers are logged, not fatal: the record
     * is what counts.
     */
    private void deleteRunDir(String id) {
        java.nio.file.Path dir = ctx.runDir(id);
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var entries = java.nio.file.Files.list(dir)) {
            for (var entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("rootfs")) {
                    TreeRemover.remove(entry);
                }
            }
            java.nio.file.Files.deleteIfExists(dir.resolve("rootfs"));
            java.nio.file.Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not clean " + dir + ": " + e.getMessage());
        }
    }
}
