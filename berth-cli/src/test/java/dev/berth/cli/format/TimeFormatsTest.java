package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeFormatsTest {

    @Test
    void prints_event_time_with_fixed_nanoseconds_and_z_in_utc() {
        assertEquals("2026-11-28T04:04:02.787654826Z", TimeFormats.rfc3339NanoFixed(1795838642787654826L, ZoneOffset.UTC));
        assertEquals("2026-11-28T04:04:02.000000100Z", TimeFormats.rfc3339NanoFixed(1795838642000000100L, ZoneOffset.UTC));
    }

    @Test
    void prints_event_time_with_numeric_offset_outside_utc() {
        assertEquals("2026-11-28T05:04:02.787654826+01:00",
                TimeFormats.rfc3339NanoFixed(1795838642787654826L, ZoneId.of("Europe/Berlin")));
    }

    @Test
    void prints_go_time_string_and_rfc3339() {
        Instant t = Instant.ofEpochSecond(1795838551);
        assertEquals("2026-11-28 04:02:31 +0000 UTC", TimeFormats.goString(t, ZoneOffset.UTC));
        assertEquals("2026-11-28T04:02:31Z", TimeFormats.rfc3339(t, ZoneOffset.UTC));
        assertEquals("2026-11-27T23:02:31-05:00", TimeFormats.rfc3339(t, ZoneId.of("America/New_York")));
    }
}
