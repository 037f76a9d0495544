package dev.berth.daemon.config;

import java.util.List;

/**
 * How berthd talks to registries; all of it changes on reload.
 *
 * @param mirrors normalised to {@code scheme://host/}
 */
public record RegistryConfig(List<String> insecureRegistries, List<String> mirrors, int maxConcurrentDownloads,
                             int maxConcurrentUploads, int maxDownloadAttempts) {
    public RegistryConfig {
        insecureRegistries = List.copyOf(insecureRegistries);
        mirrors = List.copyOf(mirrors);
    }
}
