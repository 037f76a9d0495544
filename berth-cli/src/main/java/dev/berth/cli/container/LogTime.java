package dev.berth.cli.container;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * docker's {@code --since}/{@code --until} values as the {@code logs} query sends them: unix seconds
 * pass through, a duration ({@code 10m}) is that long before now, an RFC 3339 time is converted; the
 * result is {@code seconds.nanoseconds}.
 */
public record LogTime(String query) {
    private static final Pattern UNIX = Pattern.compile("^\\d+(\\.\\d{1,9})?$");

    public static LogTime parse(String text, Instant now) {
        if (UNIX.matcher(text).matches()) {
            return new LogTime(text);
        }
        try {
            return of(now.minus(GoDuration.parse(text).duration()));
        } catch (IllegalArgumentException notDuration) {
            try {
                return of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notTime) {
                try {
                    return of(Instant.parse(text + "Z"));
                } catch (DateTimeParseException neither) {
                    throw new IllegalArgumentException("invalid value for \"since\": failed to parse value as time or duration: \"" + text + "\"");
                }
            }
        }
    }

    private static LogTime of(Instant t) {
        return new LogTime(String.format("%d.%09d", t.getEpochSecond(), t.getNano()));
    }
}
