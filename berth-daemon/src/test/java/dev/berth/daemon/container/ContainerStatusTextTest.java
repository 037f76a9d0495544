package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ps Status column for restarting and health-checked containers, as dockerd writes it. */
class ContainerStatusTextTest {
    private static final Instant NOW = Instant.parse("2024-01-01T00:01:00Z");
    private static final HealthState.Result PASS = new HealthState.Result("2024-01-01T00:00:00Z",
            "2024-01-01T00:00:01Z", 0, "");

    private static ContainerRecord record(ContainerState s) {
        return new ContainerRecord("id", "/n", "2024-01-01T00:00:00Z", "sh", List.of(), null, null, "sha256:x", s, 0,
                "overlay2", "runc", false, List.of());
    }

    private static ContainerState running() {
        return ContainerState.created().running(1, "2024-01-01T00:00:00Z");
    }

    @Test
    void adds_the_health_after_up() {
        assertEquals("Up About a minute (health: starting)", ContainerViews.statusText(
                record(running().withHealth(HealthState.starting(null))), NOW));
        assertEquals("Up About a minute (healthy)", ContainerViews.statusText(
                record(running().withHealth(HealthState.starting(null).after(PASS, 3, false))), NOW));
    }

    @Test
    void paused_wins_over_health_and_an_exited_container_shows_none() {
        ContainerState healthy = running().withHealth(HealthState.starting(null).after(PASS, 3, false));
        assertEquals("Up About a minute (Paused)", ContainerViews.statusText(record(healthy.paused(true)), NOW));
        assertEquals("Exited (0) 30 seconds ago", ContainerViews.statusText(
                record(healthy.exited(0, false, "2024-01-01T00:00:30Z")), NOW));
    }

    @Test
    void a_container_waiting_for_its_restart_shows_restarting() {
        ContainerState waiting = running().exited(1, false, "2024-01-01T00:00:55Z").restarting(true);
        assertEquals("Restarting (1) 5 seconds ago", ContainerViews.statusText(record(waiting), NOW));
        assertEquals("Exited (1) 5 seconds ago", ContainerViews.statusText(record(waiting.restartCancelled()), NOW));
    }
}
