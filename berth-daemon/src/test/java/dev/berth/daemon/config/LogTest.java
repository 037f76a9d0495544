package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        Log.configure(LogLevel.INFO, System.err);
        Log.useClock(Clock.systemUTC());
    }

    @Test
    void formats_lines_like_logrus_with_nanosecond_time() {
        String line = Log.format(Instant.parse("2026-11-28T04:50:59.123456789Z"), LogLevel.INFO,
                "API listen on /var/run/berth.sock", Map.of("path", "/x", "why", "a \"b\""));
        assertEquals("time=\"2026-11-28T04:50:59.123456789Z\" level=info msg=\"API listen on /var/run/berth.sock\""
                + " path=/x why=\"a \\\"b\\\"\"", line);
        assertEquals("time=\"2026-11-28T04:50:59.000000000Z\" level=warning msg=ready",
                Log.format(Instant.parse("2026-11-28T04:50:59Z"), LogLevel.WARN, "ready", Map.of()));
    }

    @Test
    void filters_by_level_and_follows_level_changes() {
        Log.configure(LogLevel.INFO, new PrintStream(out, true, StandardCharsets.UTF_8));
        Log.useClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05.5Z"), ZoneOffset.UTC));
        System.Logger logger = Log.logger("test");
        logger.log(System.Logger.Level.DEBUG, "hidden");
        logger.log(System.Logger.Level.INFO, "shown {0}", 1);
        Log.setLevel(LogLevel.DEBUG);
        assertTrue(logger.isLoggable(System.Logger.Level.DEBUG));
        logger.log(System.Logger.Level.DEBUG, "now shown");
        logger.log(System.Logger.Level.ERROR, "failed", new IOException("disk full"));
        Log.setLevel(LogLevel.ERROR);
        assertFalse(logger.isLoggable(System.Logger.Level.WARNING));
        assertEquals("""
                time="2026-01-02T03:04:05.500000000Z" level=info msg="shown 1"
                time="2026-01-02T03:04:05.500000000Z" level=debug msg="now shown"
                time="2026-01-02T03:04:05.500000000Z" level=error msg=failed error="disk full"
                """, out.toString(StandardCharsets.UTF_8));
    }
}
