package dev.berth.daemon.config;

/**
 * Thrown by {@link DaemonConfigLoader#load} after {@code --help}, {@code --version} or
 * {@code --validate} have printed what they print: the daemon should exit with {@link #exitCode()}
 * without starting.
 */
public final class EarlyExit extends RuntimeException {
    private final int exitCode;

    public EarlyExit(int exitCode) {
        super("exit " + exitCode, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
