package dev.berth.daemon.config;

import java.util.Locale;

/** dockerd's {@code --log-level} values, least to most severe; names print the way logrus prints them. */
public enum LogLevel {
    DEBUG("debug"), INFO("info"), WARN("warning"), ERROR("error"), FATAL("fatal");

    private final String logrusName;

    LogLevel(String logrusName) {
        this.logrusName = logrusName;
    }

    public static LogLevel parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn", "warning" -> WARN;
            case "error" -> ERROR;
            case "fatal" -> FATAL;
            default -> throw new IllegalArgumentException("invalid logging level: " + text);
        };
    }

    /** The word after {@code level=} in a log line. */
    public String logrusName() {
        return logrusName;
    }

    public boolean enables(LogLevel message) {
        return message.ordinal() >= ordinal();
    }

    /** The flag spelling, as {@code --log-level} takes it. */
    @Override
    public String toString() {
        return this == WARN ? "warn" : logrusName;
    }
}
