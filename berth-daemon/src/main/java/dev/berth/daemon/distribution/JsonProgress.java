package dev.berth.daemon.distribution;

import dev.berth.daemon.api.JsonMessageWriter;
import dev.berth.http.HttpResponse;
import dev.berth.image.remote.TransferProgress;
import dev.berth.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pull's or push's progress as Docker's JSON message stream. The 200 goes out with the first
 * message, so a failure before it (an unknown manifest, refused credentials) is still a plain HTTP
 * error, as dockerd answers; after it, failures become an in-stream {@code error} message.
 */
final class JsonProgress implements TransferProgress {
    private final HttpResponse response;
    private JsonMessageWriter writer;

    JsonProgress(HttpResponse response) {
        this.response = response;
    }

    synchronized boolean started() {
        return writer != null;
    }

    @Override
    public synchronized void status(String id, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", text);
        if (!id.isEmpty()) {
            m.put("progressDetail", Map.of());
            m.put("id", id);
        }
        write(m);
    }

    @Override
    public synchronized void bytes(String id, String status, long current, long total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("progressDetail", total > 0 ? Map.of("current", current, "total", total) : Map.of("current", current));
        m.put("progress", ProgressBar.render(current, total));
        m.put("id", id);
        write(m);
    }

    @Override
    public synchronized void pushed(String tag, Digest digest, int size) {
        Map<String, Object> aux = new LinkedHashMap<>();
        aux.put("Tag", tag);
        aux.put("Digest", digest.toString());
        aux.put("Size", size);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("progressDetail", Map.of());
        m.put("aux", aux);
        write(m);
    }

    synchronized void error(String message) throws IOException {
        open().error(message);
    }

    private void write(Object message) {
        try {
            open().write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonMessageWriter open() throws IOException {
        if (writer == null) {
            writer = new JsonMessageWriter(response.stream(200, "application/json"));
        }
        return writer;
    }
}
