package dev.berth.storage;

import java.util.Optional;

/** What a snapshotter records about one snapshot: its directory id, key or name, kind and parent's name. */
public record SnapshotInfo(String id, String name, SnapshotKind kind, Optional<String> parent) {
    public SnapshotInfo {
        SnapshotNames.check(name);
        parent.ifPresent(SnapshotNames::check);
    }
}
