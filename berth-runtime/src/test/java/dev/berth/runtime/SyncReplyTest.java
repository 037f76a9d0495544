package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SyncReplyTest {
    @Test
    void reads_the_pid_of_a_created_container() throws IOException {
        SyncReply reply = SyncReply.parse("{\"data\": 28501}\n");
        assertEquals(28501, reply.data());
        assertFalse(reply.failed());
    }

    @Test
    void carries_the_runtime_message_of_a_failure() throws IOException {
        SyncReply reply = SyncReply.parse(
                "{\"data\": -1, \"message\": \"exec: \\\"\\/nonexistent\\\": stat \\/nonexistent: no such file or directory\\n\"}");
        assertTrue(reply.failed());
        RuntimeFailureException e = (RuntimeFailureException) reply.failure("runc create of c1");
        assertEquals("exec: \"/nonexistent\": stat /nonexistent: no such file or directory", e.runtimeMessage());
        assertTrue(e.getMessage().startsWith("runc create of c1 failed: exec:"), e.getMessage());
    }

    @Test
    void rejects_a_message_without_integer_data() {
        assertThrows(IOException.class, () -> SyncReply.parse("{\"pid\": 3}"));
        assertThrows(IOException.class, () -> SyncReply.parse("{\"data\": \"3\"}"));
        assertThrows(IOException.class, () -> SyncReply.parse("garbage"));
    }
}
