package dev.berth.http;

import dev.berth.http.wire.ChunkedOutputStream;
import dev.berth.http.wire.Headers;
import dev.berth.http.wire.HttpInput;
import dev.berth.http.wire.StatusText;
import dev.berth.http.wire.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The answer to one request, given exactly once: a whole body ({@link #json}, {@link #text}, {@link #empty},
 * {@link #file}), a chunked {@link #stream} written as the handler goes, or the connection itself
 * ({@link #upgrade}, {@link #rawStream}). Fields set with {@link #header} before that are sent with it, after
 * the server's common fields. For HEAD requests only the head is sent.
 */
public final class HttpResponse {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final Transport transport;
    private final HttpInput in;
    private final InputStream requestBody;
    private final OutputStream out;
    private final boolean head;
    private final Supplier<Map<String, String>> commonHeaders;
    private final Headers headers = new Headers();
    private boolean keepAlive;
    private boolean committed;
    private ChunkedOutputStream stream;
    private RawStream raw;
    private Runnable onHijackClose = () -> { };

    HttpResponse(Transport transport, HttpInput in, InputStream requestBody, OutputStream out, boolean head,
                 Supplier<Map<String, String>> commonHeaders, boolean keepAlive) {
        this.transport = transport;
        this.in = in;
        this.requestBody = requestBody;
        this.out = out;
        this.head = head;
        this.commonHeaders = commonHeaders;
        this.keepAlive = keepAlive;
    }

    public HttpResponse header(String name, String value) {
        if (committed) {
            throw new IllegalStateException("response already committed");
        }
        headers.set(name, value);
        return this;
    }

    public boolean isCommitted() {
        return committed;
    }

    /** JSON like Go's encoder writes it: the value, then a newline. */
    public void json(int status, Object body) throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(body);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        bytes(status, "application/json", withNewline);
    }

    public void text(int status, String text) throws IOException {
        bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public void bytes(int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        headers.set("Content-Length", Integer.toString(body.length));
        writeHead(status);
        if (!head) {
            out.write(body);
        }
        out.flush();
    }

    /** No body: {@code Content-Length: 0}, except 204 and 304, which carry no length at all. */
    public void empty(int status) throws IOException {
        if (status != 204 && status != 304) {
            headers.set("Content-Length", "0");
        }
        writeHead(status);
        out.flush();
    }

    /**
     * A chunked body of unknown length. The head is sent and flushed before this returns (a client waiting on
     * {@code /wait} or {@code /events} sees it at once); each {@code flush()} sends what was written as a chunk;
     * {@code close()} ends the body (the server does it if the handler does not).
     */
    public OutputStream stream(int status, String contentType) throws IOException {
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        headers.set("Transfer-Encoding", "chunked");
        writeHead(status);
        out.flush();
        stream = new ChunkedOutputStream(out);
        return head ? OutputStream.nullOutputStream() : stream;
    }

    /**
     * A file region as the body. On plain sockets the bytes go from the page cache to the socket with
     * {@code transferTo}; through TLS they are copied.
     */
    public void file(int status, String contentType, FileChannel file, long offset, long length,
                     Map<String, String> extraHeaders) throws IOException {
        extraHeaders.forEach(headers::set);
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        headers.set("Content-Length", Long.toString(length));
        writeHead(status);
        out.flush();
        if (head) {
            return;
        }
        Optional<SocketChannel> channel = transport.channel();
        if (channel.isPresent()) {
            transfer(file, offset, length, channel.get());
        } else {
            copy(file, offset, length);
        }
    }

    private static void transfer(FileChannel file, long offset, long length, SocketChannel socket)
            throws IOException {
        long done = 0;
        while (done < length) {
            long n = file.transferTo(offset + done, length - done, socket);
            if (n <= 0 && offset + done >= file.size()) {
                throw new IOException("file shorter than the announced length");
            }
            done += n;
        }
    }

    private void copy(FileChannel file, long offset, long length) throws IOException {
        try (InputStream source = java.nio.channels.Channels.newInputStream(file.position(offset))) {
            byte[] buf = new byte[HttpInput.BUFFER_SIZE];
            long left = length;
            while (left > 0) {
                int n = source.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("file shorter than the announced length");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        out.flush();
    }

    /**
     * Docker's hijack: {@code 101 UPGRADED} with {@code Connection: Upgrade}, {@code Upgrade: tcp} and the extra
     * fields, then the socket belongs to the returned stream. The handler must close it.
     */
    public RawStream upgrade(Map<String, String> extraHeaders) throws IOException {
        headers.set("Connection", "Upgrade");
        headers.set("Upgrade", "tcp");
        extraHeaders.forEach(headers::set);
        writeStatusLine("HTTP/1.1 101 UPGRADED\r\n");
        return hijack();
    }

    /**
     * For clients that want raw bytes without asking for an upgrade (Testcontainers' exec start): the head with
     * no length and {@code Connection: close}, then the socket belongs to the returned stream. Closing it ends
     * the response.
     */
    public RawStream rawStream(int status, String contentType) throws IOException {
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        keepAlive = false;
        writeHead(status);
        return hijack();
    }

    private RawStream hijack() throws IOException {
        out.flush();
        // The raw stream starts after the request body; bytes of an unread body must not pass for stdin.
        requestBody.transferTo(OutputStream.nullOutputStream());
        raw = new RawStream(transport, in, onHijackClose);
        return raw;
    }

    void onHijackClose(Runnable action) {
        this.onHijackClose = Objects.requireNonNull(action);
    }

    boolean isHijacked() {
        return raw != null;
    }

    boolean keepsAlive() {
        return keepAlive;
    }

    /** Completes what the handler left open: an unanswered request gets an empty 200, a stream its last chunk. */
    void finish() throws IOException {
        if (!committed) {
            empty(200);
        }
        if (stream != null && !stream.isClosed()) {
            if (head) {
                out.flush();
            } else {
                stream.close();
            }
        }
        out.flush();
    }

    private void writeHead(int status) throws IOException {
        if (!keepAlive) {
            headers.set("Connection", "close");
        }
        writeStatusLine("HTTP/1.1 " + status + " " + StatusText.of(status) + "\r\n");
    }

    private void writeStatusLine(String statusLine) throws IOException {
        if (committed) {
            throw new IllegalStateException("response already committed");
        }
        committed = true;
        StringBuilder sb = new StringBuilder(256).append(statusLine);
        Headers all = new Headers();
        commonHeaders.get().forEach(all::set);
        if (!all.contains("Date")) {
            all.set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        headers.forEach(all::set);
        all.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
