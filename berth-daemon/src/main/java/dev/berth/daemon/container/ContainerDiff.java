package dev.berth.daemon.container;

import dev.berth.storage.Snapshotter;
import dev.berth.storage.archive.WhiteoutMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A container's changes to its image: the list {@code docker diff} prints, and the layer tar
 * {@code docker commit} stores.
 *
 * <p>With overlay2 the container's upper directory holds exactly its changes (deletions as 0:0
 * character devices); the image's merged tree, needed to tell added from modified, is a read-only
 * view of the image's top layer mounted for the duration. With vfs the container's snapshot is a
 * full tree and the image's top layer snapshot is one too, so the two are compared.
 */
final class ContainerDiff {
    /** Names the image views this class mounts, so that ones a crash left behind can be found. */
    static final String VIEW_PREFIX = "diff-view-";
    private final ContainerContext ctx;

    ContainerDiff(ContainerContext ctx) {
        this.ctx = ctx;
    }

    List<FileChange> changes(String containerId) throws IOException {
        Snapshotter s = ctx.snapshotter();
        Path mine = s.diffDir(containerId);
        Optional<String> parent = s.parent(containerId);
        if (s.whiteoutMode() == WhiteoutMode.DELETE) {
            return ChangeScanner.compare(mine, parent.isEmpty() ? null : s.diffDir(parent.get()));
        }
        if (parent.isEmpty()) {
            return ChangeScanner.fromUpper(mine, null);
        }
        return withImageTree(parent.get(), lower -> ChangeScanner.fromUpper(mine, lower));
    }

    /** Whether there is anything to commit; without changes a commit adds an empty layer. */
    boolean hasChanges(String containerId) throws IOException {
        Snapshotter s = ctx.snapshotter();
        if (s.whiteoutMode() == WhiteoutMode.OVERLAY) {
            try (var list = Files.list(s.diffDir(containerId))) {
                return list.findAny().isPresent();
            }
        }
        return !changes(containerId).isEmpty();
    }

    /**
     * The changes as a layer tar. Overlay2's upper directory is already one, once its whiteouts are
     * written as {@code .wh.} entries; for vfs each change is written by itself, deletions as whiteouts.
     */
    void writeLayer(String containerId, OutputStream out) throws IOException {
        Snapshotter s = ctx.snapshotter();
        Path mine = s.diffDir(containerId);
        if (s.whiteoutMode() == WhiteoutMode.OVERLAY) {
            dev.berth.storage.archive.DirectoryTar.write(mine, out, true, s.idMap());
            return;
        }
        try (TreeTar tar = TreeTar.on(out, s.idMap())) {
            for (FileChange c : changes(containerId)) {
                String rel = c.path().substring(1);
                if (c.kind() == FileChange.DELETED) {
                    int slash = rel.lastIndexOf('/');
                    tar.whiteout(slash < 0 ? "" : rel.substring(0, slash), rel.substring(slash + 1));
                } else {
                    tar.node(mine.resolve(rel), rel);
                }
            }
        }
    }

    @FunctionalInterface
    private interface TreeAction<T> {
        T apply(Path tree) throws IOException;
    }

    private <T> T withImageTree(String parent, TreeAction<T> action) throws IOException {
        Snapshotter s = ctx.snapshotter();
        String key = VIEW_PREFIX + UUID.randomUUID();
        Path target = ContainerMounts.mountRoot(ctx).resolve(key);
        Files.createDirectories(target);
        s.view(key, parent);
        try {
            s.mount(key, target);
            try {
                return action.apply(target);
            } finally {
                s.unmount(target);
            }
        } finally {
            s.remove(key);
            Files.deleteIfExists(target);
        }
    }
}
