package dev.berth.cli;

import picocli.CommandLine.Model.CommandSpec;

/** docker's two kinds of usage error: a bad flag (exit 125) and a wrong number of arguments (exit 1). */
public final class UsageErrors {
    private UsageErrors() {
    }

    public static StatusError flag(CommandSpec spec, String message) {
        return new StatusError(125, message + footer(spec));
    }

    public static StatusError arguments(CommandSpec spec, String message) {
        return new StatusError(1, "berth: " + message + footer(spec));
    }

    /**
     * Checks docker's {@code NoArgs}, {@code ExactArgs}, {@code RequiresMinArgs}, {@code RequiresMaxArgs}
     * and {@code RequiresRangeArgs} in one place, with their wording (only the minimum check says "See").
     */
    public static void requireCount(CommandSpec spec, int given, int min, int max) {
        String path = "'" + spec.qualifiedName() + "'";
        if (given >= min && given <= max) {
            return;
        }
        if (max == 0) {
            throw arguments(spec, path + " accepts no arguments");
        }
        if (min == max) {
            throw arguments(spec, path + " requires " + plural(min, "argument"));
        }
        if (max != Integer.MAX_VALUE && min > 0) {
            throw arguments(spec, path + " requires at least " + min + " and at most " + plural(max, "argument"));
        }
        if (given < min) {
            throw new StatusError(1, "berth: " + path + " requires at least " + plural(min, "argument")
                    + "\n\nUsage:  " + synopsis(spec) + "\n\nSee '" + spec.qualifiedName() + " --help' for more information");
        }
        throw arguments(spec, path + " requires at most " + plural(max, "argument"));
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String footer(CommandSpec spec) {
        return "\n\nUsage:  " + synopsis(spec) + "\n\nRun '" + spec.qualifiedName() + " --help' for more information";
    }

    /** The command's path as typed ({@code berth image ls}) followed by the argument part of its synopsis. */
    static String synopsis(CommandSpec spec) {
        String[] custom = spec.usageMessage().customSynopsis();
        String tail = "[OPTIONS]";
        if (custom.length > 0) {
            for (String word : custom[0].strip().split(" ")) {
                if (word.startsWith("[") || Character.isUpperCase(word.charAt(0))) {
                    tail = custom[0].strip().substring(custom[0].strip().indexOf(word));
                    break;
                }
            }
        }
        return spec.qualifiedName() + " " + tail;
    }
}
