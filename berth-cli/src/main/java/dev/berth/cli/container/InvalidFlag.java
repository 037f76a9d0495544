package dev.berth.cli.container;

/**
 * A flag value docker's flag parser itself would refuse ({@code -m 64x}): reported as a usage
 * error (exit 125 with the usage footer) rather than as a run error.
 */
public final class InvalidFlag extends IllegalArgumentException {
    public InvalidFlag(String flag, String value, String reason) {
        super("invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + reason);
    }
}
