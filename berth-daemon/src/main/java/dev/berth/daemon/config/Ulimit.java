package dev.berth.daemon.config;

import java.util.Set;

/** A default resource limit for containers ({@code --default-ulimit nofile=1024:2048}). */
public record Ulimit(String name, long soft, long hard) {
    private static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    public Ulimit {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("invalid ulimit type: " + name);
        }
        if (hard != -1 && soft > hard) {
            throw new IllegalArgumentException(
                    "ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
        }
    }

    /** {@code name=soft[:hard]}; a missing hard limit equals the soft one. */
    public static Ulimit parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("invalid ulimit argument: " + text);
        }
        String[] limits = text.substring(eq + 1).split(":", -1);
        if (limits.length > 2) {
            throw new IllegalArgumentException("too many limit value arguments - " + text + ", can only have up to two, `soft[:hard]`");
        }
        long soft = number(text, limits[0]);
        long hard = limits.length == 2 ? number(text, limits[1]) : soft;
        return new Ulimit(text.substring(0, eq), soft, hard);
    }

    private static long number(String text, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid ulimit argument: " + text);
        }
    }

    @Override
    public String toString() {
        return name + "=" + soft + ":" + hard;
    }
}
