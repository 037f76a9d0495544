package dev.berth.storage;

import java.util.List;

/**
 * One mount that, applied to a target directory, shows a snapshot's file system, e.g.
 * {@code Mount("overlay", "overlay", ["lowerdir=…", "upperdir=…", "workdir=…"])} or
 * {@code Mount("bind", "/var/lib/berth/vfs/dir/<id>", ["rbind", "rw"])}. The target is the caller's.
 */
public record Mount(String type, String source, List<String> options) {
    public Mount {
        if (type == null || type.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a mount needs a type and a source");
        }
        options = List.copyOf(options);
    }

    public boolean readOnly() {
        return options.contains("ro");
    }
}
