package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private static final Duration SHORT_RUN = Duration.ofSeconds(1);

    @Test
    void starts_at_100ms_and_doubles_after_each_quick_exit() {
        List<Long> delays = new ArrayList<>();
        RestartBackoff b = RestartBackoff.initial();
        for (int i = 0; i < 5; i++) {
            b = b.next(SHORT_RUN);
            delays.add(b.delay().toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L), delays);
    }

    @Test
    void never_waits_longer_than_a_minute() {
        RestartBackoff b = RestartBackoff.initial();
        for (int i = 0; i < 20; i++) {
            b = b.next(SHORT_RUN);
        }
        assertEquals(Duration.ofMinutes(1), b.delay());
        assertEquals(Duration.ofMinutes(1), b.next(SHORT_RUN).delay());
    }

    @Test
    void goes_back_to_100ms_after_a_run_of_ten_seconds() {
        RestartBackoff b = RestartBackoff.initial().next(SHORT_RUN).next(SHORT_RUN).next(SHORT_RUN);
        assertEquals(Duration.ofMillis(400), b.delay());
        assertEquals(Duration.ofMillis(100), b.next(Duration.ofSeconds(10)).delay());
        assertEquals(Duration.ofMillis(800), b.next(Duration.ofMillis(9_999)).delay());
    }

    @Test
    void rejects_a_negative_delay() {
        assertThrows(IllegalArgumentException.class, () -> new RestartBackoff(Duration.ofMillis(-1)));
    }
}
