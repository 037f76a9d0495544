package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.oci.OciJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStateTest {
    private static final HealthState.Result PASS = result(0);
    private static final HealthState.Result FAIL = result(1);

    private static HealthState.Result result(int code) {
        return new HealthState.Result("2024-01-01T00:00:00Z", "2024-01-01T00:00:01Z", code, "out " + code);
    }

    @Test
    void a_passing_probe_makes_a_starting_container_healthy() {
        HealthState h = HealthState.starting(null).after(PASS, 3, false);
        assertEquals(new HealthState("healthy", 0, List.of(PASS)), h);
    }

    @Test
    void becomes_unhealthy_after_retries_failures_in_a_row() {
        HealthState h = HealthState.starting(null).after(FAIL, 3, false).after(FAIL, 3, false);
        assertEquals("starting", h.status());
        assertEquals(2, h.failingStreak());
        h = h.after(FAIL, 3, false);
        assertEquals("unhealthy", h.status());
        assertEquals(3, h.failingStreak());
    }

    @Test
    void a_healthy_container_stays_healthy_until_the_streak_reaches_retries() {
        HealthState h = HealthState.starting(null).after(PASS, 2, false).after(FAIL, 2, false);
        assertEquals("healthy", h.status());
        assertEquals(1, h.failingStreak());
        assertEquals("unhealthy", h.after(FAIL, 2, false).status());
    }

    @Test
    void a_pass_clears_the_failing_streak() {
        HealthState h = HealthState.starting(null).after(FAIL, 1, false);
        assertEquals("unhealthy", h.status());
        h = h.after(PASS, 1, false);
        assertEquals("healthy", h.status());
        assertEquals(0, h.failingStreak());
    }

    @Test
    void failures_in_the_start_period_do_not_count_while_starting() {
        HealthState h = HealthState.starting(null).after(FAIL, 1, true).after(FAIL, 1, true);
        assertEquals("starting", h.status());
        assertEquals(0, h.failingStreak());
        assertEquals(2, h.log().size());
    }

    @Test
    void failures_in_the_start_period_count_once_it_was_healthy() {
        HealthState h = HealthState.starting(null).after(PASS, 1, true).after(FAIL, 1, true);
        assertEquals("unhealthy", h.status());
    }

    @Test
    void keeps_the_last_five_results() {
        HealthState h = HealthState.starting(null);
        for (int i = 0; i < 7; i++) {
            h = h.after(result(i == 6 ? 0 : 10 + i), 100, false);
        }
        assertEquals(5, h.log().size());
        assertEquals(List.of(12, 13, 14, 15, 0), h.log().stream().map(HealthState.Result::exitCode).toList());
    }

    @Test
    void a_restart_starts_over_but_keeps_the_log() {
        HealthState h = HealthState.starting(null).after(FAIL, 1, false);
        HealthState again = HealthState.starting(h);
        assertEquals(new HealthState("starting", 0, List.of(FAIL)), again);
    }

    @Test
    void shows_in_ps_as_docker_writes_it() {
        assertEquals("health: starting", HealthState.starting(null).psText());
        assertEquals("healthy", HealthState.starting(null).after(PASS, 3, false).psText());
        assertEquals("unhealthy", HealthState.starting(null).after(FAIL, 1, false).psText());
    }

    @Test
    void rejects_an_unknown_status_and_reads_an_empty_one_as_unhealthy() {
        assertThrows(IllegalArgumentException.class, () -> new HealthState("fine", 0, List.of()));
        assertEquals("unhealthy", new HealthState("", 0, null).status());
    }

    @Test
    void reads_a_state_written_before_health_checks_existed() throws Exception {
        String old = """
                {"Status":"exited","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,
                 "Dead":false,"Pid":0,"ExitCode":3,"Error":"","StartedAt":"2024-01-01T00:00:00Z",
                 "FinishedAt":"2024-01-01T00:00:01Z"}""";
        ContainerState s = OciJson.read(old.getBytes(java.nio.charset.StandardCharsets.UTF_8), ContainerState.class);
        assertEquals(null, s.health());
        assertEquals(3, s.exitCode());
    }

    @Test
    void writes_health_with_docker_field_names() throws Exception {
        ContainerState s = ContainerState.created().withHealth(HealthState.starting(null).after(PASS, 3, false));
        String json = new String(OciJson.bytes(s), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"Health\":{\"Status\":\"healthy\",\"FailingStreak\":0,\"Log\":[{\"Start\":"),
                json);
        assertEquals(s, OciJson.read(OciJson.bytes(s), ContainerState.class));
    }
}
