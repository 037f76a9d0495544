package dev.berth.daemon.config;

import java.util.List;

/**
 * An extra OCI runtime containers may choose with {@code --runtime NAME}: daemon.json
 * {@code "runtimes": {"crun": {"path": "/usr/bin/crun", "runtimeArgs": ["--debug"]}}}, or
 * {@code --add-runtime crun=/usr/bin/crun}.
 */
public record RuntimeDefinition(String path, List<String> runtimeArgs) {
    public RuntimeDefinition {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("runtime path is empty");
        }
        runtimeArgs = List.copyOf(runtimeArgs);
    }
}
