package dev.berth.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One message conmon writes on a parent pipe (api version 1): {@code {"data": N}} or, on failure,
 * {@code {"data": -1, "message": "<the runtime's stderr>"}}. On the sync pipe {@code data} is the
 * container's pid; a negative value means the runtime failed.
 */
record SyncReply(int data, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SyncReply parse(String line) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IOException("conmon sent an unreadable message: '" + line.strip() + "'", e);
        }
        if (node == null || !node.isObject() || !node.path("data").isInt()) {
            throw new IOException("conmon sent a message without an integer \"data\": '" + line.strip() + "'");
        }
        return new SyncReply(node.get("data").asInt(), node.path("message").asText(""));
    }

    boolean failed() {
        return data < 0;
    }

    /** The runtime's own words, e.g. {@code exec: "/x": stat /x: no such file or directory}, for the daemon to map. */
    IOException failure(String what) {
        String text = message.strip();
        return new RuntimeFailureException(what + " failed: " + (text.isEmpty() ? "conmon reported " + data : text), text);
    }
}
