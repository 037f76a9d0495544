package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.JsonMessages;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Prints the JSON message stream of import and load the way docker does when stdout is not a
 * terminal: {@code stream} text as is, {@code status} lines (prefixed by their {@code id}), and an
 * {@code error} message ends the command with exit 1.
 */
public final class JsonStreamPrinter {
    private JsonStreamPrinter() {
    }

    public static void print(InputStream messages, PrintStream out) {
        for (JsonNode message : JsonMessages.read(messages)) {
            if (message.hasNonNull("error") || message.hasNonNull("errorDetail")) {
                String error = message.hasNonNull("error") ? message.get("error").asText()
                        : message.path("errorDetail").path("message").asText();
                out.flush();
                throw new StatusError(1, error);
            }
            if (message.hasNonNull("stream")) {
                out.print(message.get("stream").asText());
            } else if (message.hasNonNull("status")) {
                String id = message.path("id").asText("");
                out.println((id.isEmpty() ? "" : id + ": ") + message.get("status").asText());
            }
        }
        out.flush();
    }
}
