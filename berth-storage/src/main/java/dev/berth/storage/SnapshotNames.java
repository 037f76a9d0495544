package dev.berth.storage;

/** The rule keys and names follow: one line of text, so that metadata files stay line-based. */
final class SnapshotNames {
    private static final int MAX_LENGTH = 1024;

    private SnapshotNames() {
    }

    static String check(String keyOrName) {
        if (keyOrName == null || keyOrName.isBlank() || keyOrName.length() > MAX_LENGTH
                || keyOrName.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("invalid snapshot key or name: \"" + keyOrName + "\"");
        }
        return keyOrName;
    }
}
