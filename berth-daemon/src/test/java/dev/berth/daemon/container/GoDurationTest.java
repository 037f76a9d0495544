package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void writes_durations_as_go_does() {
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals("1s", GoDuration.format(Duration.ofSeconds(1)));
        assertEquals("30s", GoDuration.format(Duration.ofSeconds(30)));
        assertEquals("1.5s", GoDuration.format(Duration.ofMillis(1500)));
        assertEquals("500ms", GoDuration.format(Duration.ofMillis(500)));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("1m0s", GoDuration.format(Duration.ofMinutes(1)));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
        assertEquals("2µs", GoDuration.format(Duration.ofNanos(2_000)));
        assertEquals("7ns", GoDuration.format(Duration.ofNanos(7)));
    }
}
