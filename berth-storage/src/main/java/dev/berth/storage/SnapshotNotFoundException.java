package dev.berth.storage;

import java.io.IOException;

/** No snapshot has the given key or name. */
public final class SnapshotNotFoundException extends IOException {
    SnapshotNotFoundException(String keyOrName) {
        super("snapshot \"" + keyOrName + "\" does not exist");
    }
}
