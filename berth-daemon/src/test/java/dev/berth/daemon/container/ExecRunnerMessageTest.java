package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExecRunnerMessageTest {

    @Test
    void runcs_logrus_line_is_reduced_to_its_message() {
        String stderr = "time=\"2026-11-28T07:47:50Z\" level=error msg=\"exec failed: unable to start container process:"
                + " exec: \\\"nosuch\\\": executable file not found in $PATH\"";
        assertEquals("exec failed: unable to start container process: exec: \"nosuch\": executable file not found in $PATH",
                ExecRunner.logrusMessage(stderr));
    }

    @Test
    void other_text_is_kept() {
        assertEquals("container not running", ExecRunner.logrusMessage("container not running"));
    }
}
