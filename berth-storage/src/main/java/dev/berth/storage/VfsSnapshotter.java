package dev.berth.storage;

import dev.berth.linux.IdMap;
import dev.berth.linux.Mounts;
import dev.berth.storage.archive.TreeRemover;
import dev.berth.storage.archive.WhiteoutMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Docker's vfs layout: every snapshot is a full tree in {@code root/dir/<id>}, a child made by copying its
 * parent. Slow and large, but it works on any file system, including one that is itself overlayfs.
 */
public final class VfsSnapshotter extends DirectorySnapshotter {
    public static final String TYPE = "vfs";

    private final Path trees;

    public VfsSnapshotter(Path root) throws IOException {
        this(root, IdMap.IDENTITY);
    }

    /** A snapshotter whose files belong to the host ids of {@code idMap} ({@code --userns-remap}). */
    public VfsSnapshotter(Path root, IdMap idMap) throws IOException {
        super(root, idMap);
        this.trees = Files.createDirectories(this.root.resolve("dir"));
        removeDebris();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public WhiteoutMode whiteoutMode() {
        return WhiteoutMode.DELETE;
    }

    @Override
    protected Path createLayout(String id, Optional<SnapshotInfo> parent) throws IOException {
        Path tree = trees.resolve(id);
        if (parent.isPresent()) {
            TreeCopier.copy(trees.resolve(parent.get().id()), tree);
        } else {
            Files.createDirectory(tree, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            ownByContainerRoot(tree);
        }
        return tree;
    }

    @Override
    protected void deleteLayout(String id) throws IOException {
        TreeRemover.remove(trees.resolve(id));
    }

    @Override
    protected Set<String> layoutIds() throws IOException {
        try (Stream<Path> listing = Files.list(trees)) {
            return listing.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Override
    protected List<Mount> mountsOf(SnapshotInfo info) {
        String access = info.kind() == SnapshotKind.VIEW ? "ro" : "rw";
        return List.of(new Mount("bind", trees.resolve(info.id()).toString(), List.of("rbind", access)));
    }

    @Override
    protected void mountOnto(SnapshotInfo info, Path target) throws IOException {
        Mounts.bind(trees.resolve(info.id()), target, info.kind() == SnapshotKind.VIEW);
    }

    @Override
    protected Path diffOf(String id) {
        return trees.resolve(id);
    }
}
