package dev.berth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
    private static final Duration DAY = Duration.ofDays(1);

    private static String of(Duration d) {
        return HumanDuration.of(d);
    }

    @Test
    void names_seconds_minutes_and_hours_like_go_units() {
        assertEquals("Less than a second", of(Duration.ofMillis(450)));
        assertEquals("1 second", of(Duration.ofSeconds(1)));
        assertEquals("59 seconds", of(Duration.ofSeconds(59)));
        assertEquals("About a minute", of(Duration.ofSeconds(60)));
        assertEquals("35 minutes", of(Duration.ofMinutes(35).plusSeconds(40)));
        assertEquals("About an hour", of(Duration.ofMinutes(89)));
        assertEquals("2 hours", of(Duration.ofMinutes(91)));
        assertEquals("4 hours", of(Duration.ofHours(3).plusMinutes(31)));
        assertEquals("36 hours", of(DAY.plusHours(12)));
    }

    @Test
    void names_days_weeks_months_and_years_like_go_units() {
        assertEquals("2 days", of(DAY.multipliedBy(2)));
        assertEquals("13 days", of(DAY.multipliedBy(13).plusHours(5)));
        assertEquals("2 weeks", of(DAY.multipliedBy(18)));
        assertEquals("6 weeks", of(DAY.multipliedBy(44)));
        assertEquals("2 months", of(DAY.multipliedBy(60)));
        assertEquals("24 months", of(DAY.multipliedBy(720)));
        assertEquals("2 years", of(DAY.multipliedBy(734)));
        assertEquals("3 years", of(DAY.multipliedBy(3 * 365 + 60)));
    }

    @Test
    void appends_ago_for_created_since() {
        Instant now = Instant.parse("2026-11-28T04:03:15Z");
        assertEquals("5 minutes ago", HumanDuration.ago(now.minusSeconds(300), now));
    }
}
