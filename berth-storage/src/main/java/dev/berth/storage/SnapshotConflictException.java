package dev.berth.storage;

import java.io.IOException;

/** The request contradicts the snapshot's state: the key is taken, it has children, or it is not active. */
public final class SnapshotConflictException extends IOException {
    SnapshotConflictException(String message) {
        super(message);
    }
}
