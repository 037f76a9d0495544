package dev.berth.daemon.config;

import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;

/** A {@link System.Logger} that writes through {@link Log}; a throwable becomes logrus's {@code error} field. */
final class LogrusLogger implements System.Logger {
    private final String name;

    LogrusLogger(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && Log.level().enables(map(level));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            Map<String, String> fields = thrown == null ? Map.of() : Map.of("error", describe(thrown));
            Log.write(map(level), message == null ? "" : message, fields);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            Log.write(map(level), message == null ? "" : message, Map.of());
        }
    }

    private static String describe(Throwable thrown) {
        return thrown.getMessage() == null ? thrown.toString() : thrown.getMessage();
    }

    private static LogLevel map(Level level) {
        return switch (level) {
            case ALL, TRACE, DEBUG -> LogLevel.DEBUG;
            case INFO -> LogLevel.INFO;
            case WARNING -> LogLevel.WARN;
            case ERROR, OFF -> LogLevel.ERROR;
        };
    }
}
