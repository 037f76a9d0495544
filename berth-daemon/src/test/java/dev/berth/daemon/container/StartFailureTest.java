package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StartFailureTest {
    @Test
    void keeps_only_runcs_message_and_maps_exit_codes_like_the_docker_cli() {
        StartFailure f = new StartFailure("time=\"2026-11-28T06:08:26Z\" level=error msg=\"runc create failed: unable to start"
                + " container process: exec: \\\"/nonexistent\\\": stat /nonexistent: no such file or directory\"");
        assertEquals("failed to create task for container: OCI runtime create failed: runc create failed: unable to start"
                + " container process: exec: \"/nonexistent\": stat /nonexistent: no such file or directory: unknown",
                f.getMessage());
        assertEquals(127, f.exitCode());
        assertEquals(126, new StartFailure("exec: \"/etc\": permission denied").exitCode());
        assertEquals(128, new StartFailure("something else").exitCode());
    }
}
