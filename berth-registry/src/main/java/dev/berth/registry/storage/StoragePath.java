package dev.berth.registry.storage;

import java.util.regex.Pattern;

/** Checks the paths a driver is given, so that no path can leave its root. */
final class StoragePath {

    private static final Pattern VALID = Pattern.compile("(/[A-Za-z0-9._-]+)+");

    private StoragePath() {
    }

    static String check(String path) {
        if (path == null || !VALID.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")
                || path.contains("/./") || path.endsWith("/.")) {
            throw new IllegalArgumentException("invalid storage path: " + path);
        }
        return path;
    }

    /** Like {@link #check}, and "/" names the root. */
    static String checkDirectory(String path) {
        return "/".equals(path) ? path : check(path);
    }
}
