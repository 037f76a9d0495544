package dev.berth.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * Where layers and container roots live.
 *
 * @param driver  the chosen snapshotter; empty means overlay2 where it can mount, vfs elsewhere
 * @param options {@code --storage-opt key=value} as given
 */
public record StorageConfig(Optional<StorageDriver> driver, List<String> options) {
    public StorageConfig {
        options = List.copyOf(options);
    }
}
