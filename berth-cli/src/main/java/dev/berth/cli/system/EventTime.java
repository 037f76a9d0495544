package dev.berth.cli.system;

import dev.berth.cli.StatusError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker's {@code timetypes.GetTimestamp} for {@code --since}/{@code --until}: unix seconds pass through,
 * a Go duration ({@code 10m}, {@code 1h30m}) counts back from now, and dates are parsed; the
 * daemon gets {@code seconds.nanoseconds}.
 */
public final class EventTime {
    private static final Pattern UNIX = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private EventTime() {
    }

    public static String parse(String value, Instant now, ZoneId zone) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (UNIX.matcher(value).matches()) {
            return value;
        }
        Duration duration = duration(value);
        if (duration != null) {
            return format(now.minus(duration));
        }
        return format(date(value, zone));
    }

    static String format(Instant t) {
        return "%d.%09d".formatted(t.getEpochSecond(), t.getNano());
    }

    /** Go's time.ParseDuration, or null when the text is not a duration. */
    static Duration duration(String value) {
        boolean negative = value.startsWith("-");
        String text = negative || value.startsWith("+") ? value.substring(1) : value;
        Matcher m = DURATION.matcher(text);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            nanos += (long) (amount * switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            return null;
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static Instant date(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new StatusError(125, "invalid value for timestamp: \"" + value + "\"");
                }
            }
        }
    }
}
