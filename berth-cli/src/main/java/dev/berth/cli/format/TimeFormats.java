package dev.berth.cli.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The timestamp layouts docker's CLI prints, rendered in the client's time zone as Go's
 * {@code time.Unix(...)} does.
 */
public final class TimeFormats {
    private static final DateTimeFormatter NANO_FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter GO_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TimeFormats() {
    }

    /** {@code docker events}: Go layout {@code 2006-01-02T15:04:05.000000000Z07:00}, e.g. {@code 2026-11-28T04:04:02.787654826Z}. */
    public static String rfc3339NanoFixed(long unixNanos, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(unixNanos, 1_000_000_000L), Math.floorMod(unixNanos, 1_000_000_000L)).atZone(zone);
        return NANO_FIXED.format(t) + offset(t, true);
    }

    /** Go's {@code time.RFC3339}, as {@code docker history} prints Created without {@code -H}. */
    public static String rfc3339(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        return SECONDS.format(t) + offset(t, true);
    }

    /** Go's {@code Time.String()}, docker's CreatedAt: {@code 2026-11-28 04:04:02 +0000 UTC}. */
    public static String goString(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        StringBuilder out = new StringBuilder(GO_STRING.format(t));
        if (t.getNano() != 0) {
            out.append('.').append(String.format("%09d", t.getNano()).replaceAll("0+$", ""));
        }
        return out.append(' ').append(offset(t, false)).append(' ').append(abbreviation(t)).toString();
    }

    private static String offset(ZonedDateTime t, boolean rfc3339) {
        int seconds = t.getOffset().getTotalSeconds();
        if (seconds == 0 && rfc3339) {
            return "Z";
        }
        int minutes = Math.abs(seconds) / 60;
        String sign = seconds < 0 ? "-" : "+";
        return String.format(rfc3339 ? "%s%02d:%02d" : "%s%02d%02d", sign, minutes / 60, minutes % 60);
    }

    private static String abbreviation(ZonedDateTime t) {
        if (t.getOffset().getTotalSeconds() == 0 && t.getZone().getId().matches("Z|UTC|Etc/UTC|GMT")) {
            return "UTC";
        }
        return t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }
}
