package dev.berth.cli.network;

import dev.berth.cli.UsageErrors;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What docker's flag types do with the network commands' values before any request: {@code MapOpts}
 * ({@code -o k=v}), {@code ValidateLabel} and {@code ValidateLink}, with pflag's usage error when a
 * value is refused.
 */
public final class NetworkFlags {
    private static final String WHITESPACE = " \t";

    private NetworkFlags() {
    }

    /** {@code MapOpts}: split at the first {@code =}; a value without one maps to "". Sorted, as Go marshals maps. */
    static Map<String, String> map(List<String> entries) {
        Map<String, String> map = new TreeMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }

    /** {@code opts.ValidateLabel} on each {@code --label}, then the labels as a map. */
    static Map<String, String> labels(CommandSpec spec, List<String> labels) {
        for (String label : labels) {
            int eq = label.indexOf('=');
            String key = stripLeading(eq < 0 ? label : label.substring(0, eq));
            if (key.isEmpty()) {
                throw invalid(spec, "--label", label, "invalid label '" + label + "': empty name");
            }
            if (key.chars().anyMatch(c -> WHITESPACE.indexOf(c) >= 0)) {
                throw invalid(spec, "--label", label, "label '" + key + "' contains whitespaces");
            }
        }
        return map(labels);
    }

    /** {@code opts.ValidateLink}: {@code name} or {@code name:alias}. */
    static void links(CommandSpec spec, List<String> links) {
        for (String link : links) {
            String refusal = linkRefusal(link);
            if (refusal != null) {
                throw invalid(spec, "--link", link, refusal);
            }
        }
    }

    /** Why {@code opts.ValidateLink} refuses {@code link}, or null when it is fine. */
    public static String linkRefusal(String link) {
        if (link.isEmpty()) {
            return "empty string specified for links";
        }
        return link.split(":", 3).length > 2 ? "bad format for links: " + link : null;
    }

    static RuntimeException invalid(CommandSpec spec, String flag, String value, String reason) {
        return UsageErrors.flag(spec, "invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + reason);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && WHITESPACE.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }
}
