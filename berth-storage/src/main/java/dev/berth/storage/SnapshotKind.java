package dev.berth.storage;

/** The three states of a snapshot, as in containerd. */
public enum SnapshotKind {
    /** Writable, named by a key; becomes committed through {@link Snapshotter#commit}. */
    ACTIVE,
    /** Read-only, named by a key; can only be removed. */
    VIEW,
    /** Immutable, named by a name; the parent of further snapshots. */
    COMMITTED
}
