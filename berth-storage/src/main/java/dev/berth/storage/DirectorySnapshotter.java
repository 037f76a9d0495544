package dev.berth.storage;

import dev.berth.linux.IdMap;
import dev.berth.linux.Mounts;
import dev.berth.linux.Nodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bookkeeping both on-disk layouts share: keys and names, parents, kinds and crash recovery. A subclass
 * says only how a snapshot's directories look and how they are mounted.
 *
 * <p>Crash safety comes from ordering: a snapshot's directories are created before its metadata file and
 * deleted after it, so at start every layout id without metadata is debris to delete.
 */
abstract class DirectorySnapshotter implements Snapshotter {
    private static final SecureRandom RANDOM = new SecureRandom();

    protected final Path root;
    private final IdMap idMap;
    private final SnapshotIndex index;

    protected DirectorySnapshotter(Path root, IdMap idMap) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath();
        this.idMap = idMap;
        this.index = new SnapshotIndex(this.root.resolve("meta"));
    }

    /**
     * Creates the directories of a new snapshot and returns the directory a layer is applied into; a new, empty
     * one is given to the container's root ({@link #ownByContainerRoot}).
     */
    protected abstract Path createLayout(String id, Optional<SnapshotInfo> parent) throws IOException;

    protected abstract void deleteLayout(String id) throws IOException;

    /** Ids of every layout directory on disk, with or without metadata. */
    protected abstract Set<String> layoutIds() throws IOException;

    protected abstract List<Mount> mountsOf(SnapshotInfo info) throws IOException;

    protected abstract void mountOnto(SnapshotInfo info, Path target) throws IOException;

    protected abstract Path diffOf(String id);

    /** Makes the container's root (host root without a remap) the owner of a directory this snapshotter made. */
    protected void ownByContainerRoot(Path dir) throws IOException {
        Nodes.lchown(dir, (int) idMap.hostUid(0), (int) idMap.hostGid(0));
    }

    /** Deletes what a crash left between creating a layout and recording it; subclasses call it once built. */
    protected void removeDebris() throws IOException {
        for (String id : layoutIds()) {
            if (!index.containsId(id)) {
                deleteLayout(id);
            }
        }
    }

    @Override
    public IdMap idMap() {
        return idMap;
    }

    @Override
    public synchronized Path prepare(String key, Optional<String> parentName) throws IOException {
        return create(key, SnapshotKind.ACTIVE, parentName);
    }

    @Override
    public synchronized void view(String key, String parentName) throws IOException {
        create(key, SnapshotKind.VIEW, Optional.of(parentName));
    }

    private Path create(String key, SnapshotKind kind, Optional<String> parentName) throws IOException {
        requireFree(key);
        Optional<SnapshotInfo> parent = parentName.isPresent() ? Optional.of(committed(parentName.get())) : Optional.empty();
        String id = HexFormat.of().formatHex(randomBytes());
        Path dir;
        try {
            dir = createLayout(id, parent);
        } catch (IOException | RuntimeException e) {
            deleteLayout(id);
            throw e;
        }
        index.put(new SnapshotInfo(id, key, kind, parentName));
        return dir;
    }

    @Override
    public synchronized void commit(String name, String key) throws IOException {
        requireFree(name);
        SnapshotInfo active = index.get(key);
        if (active.kind() != SnapshotKind.ACTIVE) {
            throw new SnapshotConflictException("snapshot \"" + key + "\" is " + active.kind().name().toLowerCase() + ", not active; only active snapshots can be committed");
        }
        index.put(new SnapshotInfo(active.id(), name, SnapshotKind.COMMITTED, active.parent()));
    }

    @Override
    public synchronized void remove(String keyOrName) throws IOException {
        SnapshotInfo info = index.get(keyOrName);
        if (info.kind() == SnapshotKind.COMMITTED && index.hasChildren(info.name())) {
            throw new SnapshotConflictException("snapshot \"" + keyOrName + "\" is the parent of other snapshots; remove them first");
        }
        index.remove(info);
        deleteLayout(info.id());
    }

    @Override
    public synchronized List<Mount> mounts(String key) throws IOException {
        return mountsOf(mountable(key));
    }

    @Override
    public void mount(String key, Path target) throws IOException {
        SnapshotInfo info;
        synchronized (this) {
            info = mountable(key);
        }
        mountOnto(info, target);
    }

    @Override
    public void unmount(Path target) throws IOException {
        Mounts.umount2(target, 0);
    }

    @Override
    public long usage(String nameOrKey) throws IOException {
        return DiskUsage.bytes(diffDir(nameOrKey));
    }

    @Override
    public synchronized boolean exists(String nameOrKey) {
        return index.find(nameOrKey).isPresent();
    }

    @Override
    public synchronized Optional<String> parent(String nameOrKey) throws IOException {
        return index.get(nameOrKey).parent();
    }

    @Override
    public synchronized List<SnapshotInfo> list() {
        return index.all();
    }

    @Override
    public synchronized Path diffDir(String nameOrKey) throws IOException {
        return diffOf(index.get(nameOrKey).id());
    }

    private SnapshotInfo mountable(String key) throws IOException {
        SnapshotInfo info = index.get(key);
        if (info.kind() == SnapshotKind.COMMITTED) {
            throw new SnapshotConflictException("snapshot \"" + key + "\" is committed; prepare or view a snapshot on it to mount it");
        }
        return info;
    }

    private SnapshotInfo committed(String name) throws IOException {
        SnapshotInfo parent = index.get(name);
        if (parent.kind() != SnapshotKind.COMMITTED) {
            throw new SnapshotConflictException("parent \"" + name + "\" is not a committed snapshot");
        }
        return parent;
    }

    private void requireFree(String keyOrName) throws SnapshotConflictException {
        if (index.find(SnapshotNames.check(keyOrName)).isPresent()) {
            throw new SnapshotConflictException("snapshot \"" + keyOrName + "\" already exists");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
