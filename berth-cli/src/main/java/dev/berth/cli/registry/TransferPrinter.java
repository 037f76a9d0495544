package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.JsonMessages;
import dev.berth.cli.StatusError;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a pull's or push's JSON message stream as docker does. On a terminal each layer keeps one
 * line that is redrawn in place (status and progress bar); otherwise only status changes are
 * printed, one line each, and byte counts are left out. An {@code error} message ends the command
 * with exit 1; the {@code aux} of a push is returned.
 */
final class TransferPrinter {
    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private final Map<String, Integer> lineOf = new HashMap<>();
    private int lines;

    TransferPrinter(PrintStream out, boolean terminal, boolean quiet) {
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /** Prints the stream; returns the last {@code aux} object, if any. */
    Optional<JsonNode> print(InputStream messages) {
        Optional<JsonNode> aux = Optional.empty();
        for (JsonNode m : JsonMessages.read(messages)) {
            if (m.hasNonNull("error") || m.hasNonNull("errorDetail")) {
                out.flush();
                throw new StatusError(1, m.hasNonNull("error") ? m.get("error").asText()
                        : m.path("errorDetail").path("message").asText());
            }
            if (m.hasNonNull("aux")) {
                aux = Optional.of(m.get("aux"));
                continue;
            }
            if (!quiet) {
                show(m);
            }
        }
        out.flush();
        return aux;
    }

    private void show(JsonNode m) {
        String id = m.path("id").asText("");
        String status = m.path("status").asText("");
        String progress = m.path("progress").asText("");
        boolean counts = !progress.isEmpty() || m.path("progressDetail").has("current");
        if (!terminal) {
            if (!counts && !status.isEmpty()) {
                out.println((id.isEmpty() ? "" : id + ": ") + status);
            }
            return;
        }
        String text = (id.isEmpty() ? "" : id + ": ") + status + (progress.isEmpty() ? "" : " " + progress);
        Integer line = id.isEmpty() ? null : lineOf.get(id);
        if (line == null) {
            if (!id.isEmpty()) {
                lineOf.put(id, lines);
            }
            out.print("\u001b[2K\r" + text + "\n");
            lines++;
            return;
        }
        int up = lines - line;
        // Up to the layer's line, redraw it, and back down to where new lines go.
        out.print("\u001b[" + up + "A\u001b[2K\r" + text + "\u001b[" + up + "B\r");
        out.flush();
    }
}
