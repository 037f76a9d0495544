package dev.berth.daemon.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of {@code docker diff}: {@code {"Path":"/tmp/x","Kind":1}}, Kind 0 changed, 1 added, 2 deleted. */
public record FileChange(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {
    public static final int MODIFIED = 0;
    public static final int ADDED = 1;
    public static final int DELETED = 2;

    public FileChange {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("change path must be absolute: " + path);
        }
        if (kind < MODIFIED || kind > DELETED) {
            throw new IllegalArgumentException("change kind must be 0, 1 or 2: " + kind);
        }
    }

    /** The letter {@code docker diff} prints: C, A or D. */
    public char letter() {
        return "CAD".charAt(kind);
    }
}
