package dev.berth.registry.storage;

import java.time.Instant;

/** What {@link StorageDriver#stat} knows about a path. */
public record FileInfo(String path, long size, Instant modTime, boolean isDirectory) {
}
