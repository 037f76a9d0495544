package dev.berth.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.StatusError;
import dev.berth.oci.Reference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransferPrinterTest {
    private static final String PULL = """
            {"status":"Pulling from trace-pullsrc","id":"latest"}
            {"status":"Already exists","progressDetail":{},"id":"3a2215093b58"}
            {"status":"Pulling fs layer","progressDetail":{},"id":"5838c142a41e"}
            {"status":"Downloading","progressDetail":{"current":3678,"total":300292},"progress":"[>  ]  3.678kB/300.3kB","id":"5838c142a41e"}
            {"status":"Download complete","progressDetail":{},"id":"5838c142a41e"}
            {"status":"Pull complete","progressDetail":{},"id":"5838c142a41e"}
            {"status":"Digest: sha256:69674a8a"}
            {"status":"Status: Downloaded newer image for 127.0.0.1:5551/trace-pullsrc:latest"}
            """;

    private static String print(String stream, boolean terminal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TransferPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), terminal, false)
                .print(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void prints_status_changes_without_byte_counts_when_not_a_terminal() {
        assertEquals("""
                latest: Pulling from trace-pullsrc
                3a2215093b58: Already exists
                5838c142a41e: Pulling fs layer
                5838c142a41e: Download complete
                5838c142a41e: Pull complete
                Digest: sha256:69674a8a
                Status: Downloaded newer image for 127.0.0.1:5551/trace-pullsrc:latest
                """, print(PULL, false));
    }

    @Test
    void redraws_a_layers_line_in_place_on_a_terminal() {
        String out = print(PULL, true);
        assertTrue(out.contains("\u001b[1A\u001b[2K\r5838c142a41e: Downloading [>  ]  3.678kB/300.3kB\u001b[1B\r"), out);
    }

    @Test
    void ends_with_the_error_message_of_the_stream() {
        StatusError e = assertThrows(StatusError.class, () -> print(
                "{\"errorDetail\":{\"message\":\"boom\"},\"error\":\"boom\"}\n", false));
        assertEquals("boom", e.getMessage());
        assertEquals(1, e.status());
    }

    @Test
    void asks_for_the_tag_or_all_tags_and_the_platform() {
        Reference ref = Reference.parse("127.0.0.1:5551/trace-busybox");
        assertEquals("/images/create?fromImage=127.0.0.1%3A5551%2Ftrace-busybox&tag=latest",
                PullCommand.request(ref, false, null));
        assertEquals("/images/create?fromImage=127.0.0.1%3A5551%2Ftrace-busybox&platform=linux%2Farm64&tag=",
                PullCommand.request(ref, true, "linux/arm64"));
        assertEquals("/images/127.0.0.1:5551/trace-busybox/push?tag=v1", PushCommand.request(ref.withTag("v1")));
    }
}
