package dev.berth.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import dev.berth.http.wire.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A response whose body is read from the connection as the caller reads it. Reading it to the end hands the
 * connection back for reuse; closing it earlier (an events stream, say) closes the connection instead.
 */
public final class ClientResponse implements AutoCloseable {

    private final int status;
    private final Headers headers;
    private final Body body;

    ClientResponse(int status, Headers headers, InputStream body, Consumer<Boolean> release) {
        this.status = status;
        this.headers = headers;
        this.body = new Body(body, release);
    }

    public int status() {
        return status;
    }

    public Optional<String> header(String name) {
        return headers.first(name);
    }

    public InputStream body() {
        return body;
    }

    /** Reads the whole body (so the connection can be reused) and maps it. */
    public <T> T json(Class<T> type) throws IOException {
        return Json.mapper().readValue(wholeBody(), type);
    }

    public JsonNode jsonTree() throws IOException {
        return Json.mapper().readTree(wholeBody());
    }

    private byte[] wholeBody() throws IOException {
        try (this) {
            return body.readAllBytes();
        }
    }

    /** Reads the rest of the body and releases the connection. */
    public void discard() throws IOException {
        try (this) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    @Override
    public void close() {
        body.close();
    }

    /** Tells the client, once, whether the body was read to its end (connection reusable) or not. */
    private static final class Body extends InputStream {
        private final InputStream in;
        private final Consumer<Boolean> release;
        private boolean atEnd;
        private boolean released;

        Body(InputStream in, Consumer<Boolean> release) {
            this.in = in;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (released) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                close();
                throw e;
            }
            if (n < 0) {
                atEnd = true;
                close();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return released ? 0 : in.available();
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release.accept(atEnd);
            }
        }
    }
}
