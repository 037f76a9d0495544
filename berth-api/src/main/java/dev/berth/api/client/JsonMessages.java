package dev.berth.api.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The concatenated JSON messages of pull, push, load, import and events: one object after another, whatever the
 * chunking or line breaks. Each message is returned as it arrives, so an events stream can be followed live.
 *
 * <pre>{@code
 * for (JsonNode m : JsonMessages.read(docker.post("/images/create?fromImage=busybox&tag=latest", null).body())) {
 *     if (m.has("error")) throw new IOException(m.get("error").asText());
 * }
 * }</pre>
 */
public final class JsonMessages implements Iterable<JsonNode> {

    private final InputStream in;

    private JsonMessages(InputStream in) {
        this.in = in;
    }

    public static JsonMessages read(InputStream in) {
        return new JsonMessages(in);
    }

    /** Iterates once; I/O failures surface as {@link UncheckedIOException}. */
    @Override
    public Iterator<JsonNode> iterator() {
        JsonParser parser;
        try {
            parser = Json.mapper().createParser(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            private JsonNode next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        JsonToken token = parser.nextToken();
                        if (token == null) {
                            done = true;
                            parser.close();
                        } else {
                            next = Json.mapper().readTree(parser);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public JsonNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JsonNode node = next;
                next = null;
                return node;
            }
        };
    }
}
