package dev.berth.runtime.spec;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges tmpfs mount options the way Docker does: the later of two options that set the same thing wins
 * ({@code exec} overrides the default {@code noexec}, one propagation mode, one {@code size=}), and the survivors
 * keep their relative order.
 *
 * <pre>{@code
 * TmpfsOptions.merge(List.of("noexec", "nosuid", "nodev", "rprivate", "exec", "size=64m"))
 *     // [nosuid, nodev, rprivate, exec, size=64m]
 * }</pre>
 */
public final class TmpfsOptions {
    /** Docker's defaults for {@code --tmpfs}: nothing executable, no set-id or device files on a scratch mount. */
    public static final List<String> DEFAULTS = List.of("noexec", "nosuid", "nodev", "rprivate");

    // Flag options, keyed by the setting they change: an option and its negation collide.
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("ro", "rdonly"), Map.entry("rw", "rdonly"),
            Map.entry("suid", "nosuid"), Map.entry("nosuid", "nosuid"),
            Map.entry("dev", "nodev"), Map.entry("nodev", "nodev"),
            Map.entry("exec", "noexec"), Map.entry("noexec", "noexec"),
            Map.entry("sync", "sync"), Map.entry("async", "sync"),
            Map.entry("dirsync", "dirsync"),
            Map.entry("mand", "mand"), Map.entry("nomand", "mand"),
            Map.entry("atime", "noatime"), Map.entry("noatime", "noatime"),
            Map.entry("diratime", "nodiratime"), Map.entry("nodiratime", "nodiratime"),
            Map.entry("relatime", "relatime"), Map.entry("norelatime", "relatime"),
            Map.entry("strictatime", "strictatime"), Map.entry("nostrictatime", "strictatime"),
            Map.entry("private", "propagation"), Map.entry("rprivate", "propagation"),
            Map.entry("shared", "propagation"), Map.entry("rshared", "propagation"),
            Map.entry("slave", "propagation"), Map.entry("rslave", "propagation"),
            Map.entry("unbindable", "propagation"), Map.entry("runbindable", "propagation"));

    private static final Set<String> DATA = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");

    private TmpfsOptions() {
    }

    /** {@link #DEFAULTS} followed by the comma-separated {@code given} ones, merged. */
    public static List<String> withDefaults(String given) {
        List<String> all = new java.util.ArrayList<>(DEFAULTS);
        if (!given.isBlank()) {
            all.addAll(List.of(given.split(",")));
        }
        return merge(all);
    }

    /** @throws InvalidArgumentException for an option tmpfs does not take */
    public static List<String> merge(List<String> options) {
        Set<String> seen = new HashSet<>();
        Deque<String> kept = new ArrayDeque<>();
        for (String option : options.reversed()) {
            String trimmed = option.strip();
            if (trimmed.isEmpty() || trimmed.equals("defaults")) {
                continue;
            }
            if (seen.add(keyOf(trimmed))) {
                kept.addFirst(trimmed);
            }
        }
        return List.copyOf(kept);
    }

    private static String keyOf(String option) {
        String flag = FLAGS.get(option);
        if (flag != null) {
            return "flag:" + flag;
        }
        int eq = option.indexOf('=');
        if (eq < 0 || !DATA.contains(option.substring(0, eq))) {
            throw new InvalidArgumentException("invalid tmpfs option \"" + option + "\"");
        }
        return "data:" + option.substring(0, eq);
    }
}
