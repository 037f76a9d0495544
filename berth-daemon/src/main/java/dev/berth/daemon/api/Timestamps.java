package dev.berth.daemon.api;

import dev.berth.oci.GoDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Docker's time arguments ({@code since}, {@code until}): unix seconds with optional fraction, RFC 3339, dates, or a Go duration back from now. */
public final class Timestamps {
    private Timestamps() {
    }

    /** Nanoseconds since the epoch. */
    public static long parseNanos(String s, Instant now) {
        String v = s.strip();
        if (v.matches("\\d+(\\.\\d+)?")) {
            return new BigDecimal(v).movePointRight(9).longValue();
        }
        try {
            Instant t = v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? OffsetDateTime.parse(v).toInstant()
                    : Instant.parse(v + "Z");
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (DateTimeParseException notADate) {
            Duration d = Duration.ofNanos(GoDuration.parseNanos(v));
            Instant t = now.minus(d);
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }
    }

    public static long parseUnix(String s) {
        return parseNanos(s, Instant.now()) / 1_000_000_000L;
    }
}
