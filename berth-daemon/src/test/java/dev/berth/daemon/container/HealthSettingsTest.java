package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.ContainerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthSettingsTest {

    private static ContainerConfig config(ContainerConfig.Healthcheck h) {
        return ContainerConfig.empty().toBuilder().healthcheck(h).build();
    }

    @Test
    void fills_in_dockerd_defaults() {
        HealthSettings s = HealthSettings.of(config(new ContainerConfig.Healthcheck(
                List.of("CMD-SHELL", "true"), 0, 0, 0, 0, 0))).orElseThrow();
        assertEquals(Duration.ofSeconds(30), s.interval());
        assertEquals(Duration.ofSeconds(30), s.timeout());
        assertEquals(Duration.ZERO, s.startPeriod());
        assertEquals(Duration.ofSeconds(5), s.startInterval());
        assertEquals(3, s.retries());
    }

    @Test
    void takes_the_given_values_in_nanoseconds() {
        HealthSettings s = HealthSettings.of(config(new ContainerConfig.Healthcheck(
                List.of("CMD", "true"), 1_000_000_000L, 2_000_000_000L, 3_000_000_000L, 0, 7))).orElseThrow();
        assertEquals(Duration.ofSeconds(1), s.interval());
        assertEquals(Duration.ofSeconds(2), s.timeout());
        assertEquals(Duration.ofSeconds(3), s.startPeriod());
        assertEquals(7, s.retries());
    }

    @Test
    void none_or_no_test_means_no_health_check() {
        assertTrue(HealthSettings.of(config(null)).isEmpty());
        assertTrue(HealthSettings.of(config(new ContainerConfig.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0))).isEmpty());
        assertTrue(HealthSettings.of(config(new ContainerConfig.Healthcheck(List.of(), 0, 0, 0, 0, 0))).isEmpty());
    }

    @Test
    void cmd_shell_runs_through_the_shell_and_cmd_runs_as_given() {
        HealthSettings shell = new HealthSettings(List.of("CMD-SHELL", "curl -f x || exit 1"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5), 3);
        assertEquals(List.of("/bin/sh", "-c", "curl -f x || exit 1"), shell.command(null));
        assertEquals(List.of("/bin/bash", "-c", "curl -f x || exit 1"), shell.command(List.of("/bin/bash", "-c")));
        HealthSettings cmd = new HealthSettings(List.of("CMD", "test", "-f", "/ok"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5), 3);
        assertEquals(List.of("test", "-f", "/ok"), cmd.command(null));
    }

    @Test
    void probes_at_the_start_interval_only_while_starting_in_the_start_period() {
        HealthSettings s = new HealthSettings(List.of("CMD", "true"), Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(5), 3);
        assertEquals(Duration.ofSeconds(5), s.nextInterval(Duration.ofSeconds(10), "starting"));
        assertEquals(Duration.ofSeconds(30), s.nextInterval(Duration.ofSeconds(10), "healthy"));
        assertEquals(Duration.ofSeconds(30), s.nextInterval(Duration.ofSeconds(61), "starting"));
    }
}
