package dev.berth.daemon.config;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * berthd's log: logrus-style lines on stderr, as dockerd writes them, e.g.
 * {@code time="2026-11-28T04:50:59.123456789Z" level=info msg="API listen on /var/run/berth.sock"}.
 *
 * <p>Call {@link #configure} once at start with the configuration's
 * {@link DaemonConfig#effectiveLogLevel()}, and {@link #setLevel} after a reload; get loggers with
 * {@link #logger(String)} (plain {@link System.Logger}s, so no logging framework is needed).
 */
public final class Log {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private static volatile LogLevel level = LogLevel.INFO;
    private static volatile PrintStream sink = System.err;
    private static volatile Clock clock = Clock.systemUTC();

    private Log() {
    }

    public static void configure(LogLevel startLevel, PrintStream out) {
        sink = out;
        level = startLevel;
    }

    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
    }

    public static LogLevel level() {
        return level;
    }

    public static System.Logger logger(String name) {
        return new LogrusLogger(name);
    }

    static void useClock(Clock testClock) {
        clock = testClock;
    }

    /** Writes one line if {@code messageLevel} is enabled; fields follow {@code msg}, sorted by key. */
    static void write(LogLevel messageLevel, String message, Map<String, String> fields) {
        if (level.enables(messageLevel)) {
            sink.println(format(clock.instant(), messageLevel, message, fields));
        }
    }

    static String format(Instant time, LogLevel messageLevel, String message, Map<String, String> fields) {
        StringBuilder line = new StringBuilder()
                .append("time=\"").append(TIME.format(time)).append('"')
                .append(" level=").append(messageLevel.logrusName())
                .append(" msg=").append(value(message));
        new TreeMap<>(fields).forEach((key, value) -> line.append(' ').append(key).append('=').append(value(value)));
        return line.toString();
    }

    /** Like logrus: bare when made of safe characters, otherwise a Go-quoted string. */
    private static String value(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Log::isBare)) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean isBare(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._/@^+".indexOf(c) >= 0;
    }
}
