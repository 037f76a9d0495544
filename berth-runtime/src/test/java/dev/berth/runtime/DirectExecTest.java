package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DirectExecTest {

    @Test
    void runtime_message_is_logrus_msg_unescaped() {
        String stderr = "time=\"2026-11-28T07:47:50Z\" level=error msg=\"exec failed: unable to start container process:"
                + " exec: \\\"nosuch\\\": executable file not found in $PATH\"";
        assertEquals("exec failed: unable to start container process: exec: \"nosuch\": executable file not found in $PATH",
                DirectExec.runtimeMessage(stderr));
    }

    @Test
    void runtime_message_is_the_text_when_not_logrus() {
        assertEquals("container not running", DirectExec.runtimeMessage("container not running"));
    }
}
