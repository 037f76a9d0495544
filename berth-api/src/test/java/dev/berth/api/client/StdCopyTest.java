package dev.berth.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdCopyTest {

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void splits_frames_into_stdout_and_stderr() throws IOException {
        byte[] stream = concat(TestDaemon.frame(1, "out\n"), TestDaemon.frame(2, "err\n"),
                TestDaemon.frame(1, "line1\nline2\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(20, StdCopy.demux(new ByteArrayInputStream(stream), out, err));
        assertEquals("out\nline1\nline2\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void throws_the_payload_of_a_system_error_frame() {
        byte[] stream = concat(TestDaemon.frame(1, "x"), TestDaemon.frame(3, "exec failed"));
        IOException e = assertThrows(IOException.class, () -> StdCopy.demux(new ByteArrayInputStream(stream),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertEquals("error from daemon in stream: exec failed", e.getMessage());
    }

    @Test
    void fails_on_a_truncated_frame() {
        byte[] frame = TestDaemon.frame(1, "abcdef");
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 2);
        assertThrows(java.io.EOFException.class, () -> StdCopy.demux(new ByteArrayInputStream(cut),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    }

    @Test
    void reads_concatenated_json_messages_regardless_of_line_breaks() {
        String text = "{\"status\":\"Pulling\",\"id\":\"latest\"}\r\n{\"status\":\"Downloading\","
                + "\"progressDetail\":{\"current\":1}}{\"error\":\"boom\"}\n";
        List<String> seen = new ArrayList<>();
        JsonMessages.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                .forEach(m -> seen.add(m.has("error") ? "error:" + m.get("error").asText() : m.get("status").asText()));
        assertEquals(List.of("Pulling", "Downloading", "error:boom"), seen);
    }
}
