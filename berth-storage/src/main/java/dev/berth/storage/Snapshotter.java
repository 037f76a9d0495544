package dev.berth.storage;

import dev.berth.linux.IdMap;
import dev.berth.storage.archive.WhiteoutMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where layers and container file systems live. The vocabulary is containerd's: a <em>key</em> names an
 * active (writable) or view snapshot, a <em>name</em> a committed (immutable) one; keys and names share one
 * namespace.
 *
 * <p>Importing an image's first layer: prepare an active snapshot with no parent, apply the layer tar into
 * the directory it returns, then commit it under the layer's chain ID.
 * <pre>{@code
 * Path dir = snapshotter.prepare("extract-1", Optional.empty());
 * LayerApplier.apply(tar1, dir, snapshotter.whiteoutMode());
 * snapshotter.commit(chainId1, "extract-1");
 * }</pre>
 * Stacking the next layer: prepare with the first as parent. Overlay2 returns an empty upper directory, where
 * deletions become overlay whiteouts; vfs returns a full copy of the parent, where they are carried out.
 * <pre>{@code
 * Path dir2 = snapshotter.prepare("extract-2", Optional.of(chainId1));
 * LayerApplier.apply(tar2, dir2, snapshotter.whiteoutMode());
 * snapshotter.commit(chainId2, "extract-2");
 * }</pre>
 * Running a container: prepare an active snapshot on the top layer, mount it as the rootfs, and when the
 * container is removed, unmount and remove it. Its changes are in {@link #diffDir} for {@code docker diff}.
 * <pre>{@code
 * snapshotter.prepare(containerId, Optional.of(chainId2));
 * snapshotter.mount(containerId, rootfs);
 * ... run ...
 * snapshotter.unmount(rootfs);
 * snapshotter.remove(containerId);
 * }</pre>
 * With {@code --userns-remap} files are stored under the host ids of the remapped root's {@link #idMap}: layers
 * are applied with {@code LayerApplier.apply(tar, dir, whiteoutMode(), idMap())} and written out with
 * {@code DirectoryTar.write(dir, out, overlay, idMap())}, and a new snapshot's own directory (overlay2's upper
 * directory, a vfs base) belongs to the container's root, so that it can write there.
 * If applying a layer fails, {@code remove(key)} leaves the snapshotter as it was before the prepare.
 * State on disk is the truth: after a crash, a new instance on the same root finds every committed
 * snapshot and no half-prepared one.
 */
public interface Snapshotter {
    /** "overlay2" or "vfs", the name {@code docker info} shows as the storage driver. */
    String type();

    /** How a layer applied into {@link #prepare}'s directory must record deletions. */
    WhiteoutMode whiteoutMode();

    /** How the owners of the files in its snapshots relate to the container's ids; identity without a remap. */
    IdMap idMap();

    /**
     * Creates an active snapshot {@code key} on top of the committed {@code parentName} (or empty) and returns
     * the writable directory a layer is applied into; a container's changes land there too.
     */
    Path prepare(String key, Optional<String> parentName) throws IOException;

    /** Creates a read-only snapshot {@code key} showing the committed {@code parentName}. */
    void view(String key, String parentName) throws IOException;

    /** Turns the active snapshot {@code key} into the committed snapshot {@code name}; the key is gone after. */
    void commit(String name, String key) throws IOException;

    /** Removes a snapshot; refuses a committed one that is the parent of others. */
    void remove(String keyOrName) throws IOException;

    /** The mounts that show the active or view snapshot {@code key}, for a runtime that mounts by itself. */
    List<Mount> mounts(String key) throws IOException;

    /** Mounts the active or view snapshot {@code key} on {@code target}. */
    void mount(String key, Path target) throws IOException;

    void unmount(Path target) throws IOException;

    /** Bytes of file content in the snapshot's own directory ({@link #diffDir}), each hard-linked file once. */
    long usage(String nameOrKey) throws IOException;

    boolean exists(String nameOrKey);

    /** The committed parent's name; empty for a base snapshot. */
    Optional<String> parent(String nameOrKey) throws IOException;

    /** Every snapshot, in no particular order. */
    List<SnapshotInfo> list();

    /**
     * The directory holding this snapshot's own changes: overlay2's upper {@code diff} directory (with overlay
     * whiteouts), or for vfs the full tree.
     */
    Path diffDir(String nameOrKey) throws IOException;
}
