package dev.berth.daemon.api;

import dev.berth.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Docker's JSON message stream (pull, push, load, import): one object per line, flushed as written. */
public final class JsonMessageWriter {
    private static final byte[] NEWLINE = {'\r', '\n'};
    private final OutputStream out;

    public JsonMessageWriter(OutputStream out) {
        this.out = out;
    }

    public void status(String status) throws IOException {
        write(Map.of("status", status));
    }

    public void stream(String text) throws IOException {
        write(Map.of("stream", text));
    }

    public void progress(String status, String id, long current, long total) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("progressDetail", total > 0 ? Map.of("current", current, "total", total) : Map.of());
        m.put("id", id);
        write(m);
    }

    /** An error once the 200 has gone out: the client prints {@code error} and exits 1. */
    public void error(String message) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorDetail", Map.of("message", message));
        m.put("error", message);
        write(m);
    }

    public void write(Object message) throws IOException {
        out.write(Json.mapper().writeValueAsBytes(message));
        out.write(NEWLINE);
        out.flush();
    }
}
