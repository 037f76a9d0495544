package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void reads_the_policy_from_the_host_config_with_no_as_default() {
        ObjectNode hc = JsonNodeFactory.instance.objectNode();
        assertEquals(new RestartPolicy("no", 0), RestartPolicy.of(HostConfigView.of(hc)));
        hc.putObject("RestartPolicy").put("Name", "on-failure").put("MaximumRetryCount", 2);
        assertEquals(new RestartPolicy("on-failure", 2), RestartPolicy.of(HostConfigView.of(hc)));
    }

    @Test
    void no_never_restarts() {
        assertFalse(new RestartPolicy("no", 0).shouldRestart(1, false, 0));
    }

    @Test
    void always_restarts_even_after_a_manual_stop_or_a_clean_exit() {
        RestartPolicy always = new RestartPolicy("always", 0);
        assertTrue(always.shouldRestart(0, false, 100));
        assertTrue(always.shouldRestart(0, true, 0));
    }

    @Test
    void unless_stopped_restarts_unless_stopped_by_hand() {
        RestartPolicy p = new RestartPolicy("unless-stopped", 0);
        assertTrue(p.shouldRestart(0, false, 3));
        assertFalse(p.shouldRestart(137, true, 0));
    }

    @Test
    void on_failure_restarts_failed_exits_up_to_its_limit() {
        RestartPolicy p = new RestartPolicy("on-failure", 2);
        assertFalse(p.shouldRestart(0, false, 0));
        assertTrue(p.shouldRestart(1, false, 0));
        assertTrue(p.shouldRestart(1, false, 1));
        assertFalse(p.shouldRestart(1, false, 2));
    }

    @Test
    void on_failure_without_a_limit_keeps_restarting() {
        assertTrue(new RestartPolicy("on-failure", 0).shouldRestart(2, false, 1_000));
    }
}
