package dev.berth.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import dev.berth.http.RawStream;
import dev.berth.http.TlsContexts;
import dev.berth.http.wire.ChunkedOutputStream;
import dev.berth.http.wire.HttpInput;
import dev.berth.http.wire.MessageBody;
import dev.berth.http.wire.ResponseHead;
import dev.berth.http.wire.StatusText;
import dev.berth.http.wire.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A Docker Engine API client over a unix socket, TCP or TCP+TLS, reusing keep-alive connections.
 *
 * <pre>{@code
 * EngineClient docker = EngineClient.connect(URI.create("unix:///run/berth.sock"), Optional.empty());
 * docker.negotiate();                                   // HEAD /_ping → Api-Version, capped at 1.50
 * JsonNode info = docker.get("/info").jsonTree();       // GET /v1.47/info
 * try (RawStream s = docker.hijack("/exec/" + id + "/start", Map.of("Detach", false, "Tty", false))) {
 *     s.closeWrite();                                   // no stdin
 *     StdCopy.demux(s.in(), System.out, System.err);
 * }
 * }</pre>
 * A non-2xx (and non-304) answer throws {@link EngineError} with the message docker would print.
 */
public final class EngineClient implements AutoCloseable {

    /** The newest API version this client speaks (docker CLI 28's). */
    public static final String MAX_VERSION = "1.50";
    /** What a daemon that sends no {@code Api-Version} is assumed to speak, as the docker CLI does. */
    static final String FALLBACK_VERSION = "1.24";
    private static final int MAX_ERROR_BODY = 1 << 20;

    private interface Dialer {
        Transport dial() throws IOException;
    }

    private final Dialer dialer;
    private final String host;
    private final Deque<ClientConnection> idle = new ArrayDeque<>();
    private volatile String apiVersion = MAX_VERSION;

    private EngineClient(Dialer dialer, String host) {
        this.dialer = dialer;
        this.host = host;
    }

    /** {@code unix:///path} or {@code tcp://host:port}; TLS on TCP when {@code tls} is given. */
    public static EngineClient connect(URI uri, Optional<TlsFiles> tls) throws IOException {
        switch (uri.getScheme()) {
            case "unix" -> {
                UnixDomainSocketAddress address = UnixDomainSocketAddress.of(Path.of(uri.getPath()));
                return new EngineClient(() -> Transport.of(SocketChannel.open(address)), "api.moby.localhost");
            }
            case "tcp", "http", "https" -> {
                if (uri.getHost() == null || uri.getPort() < 0) {
                    throw new IllegalArgumentException("tcp host needs host and port: " + uri);
                }
                String host = uri.getHost() + ":" + uri.getPort();
                if (tls.isPresent()) {
                    SSLContext context = sslContext(tls.get());
                    return new EngineClient(() -> tlsTransport(context, uri.getHost(), uri.getPort()), host);
                }
                InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
                return new EngineClient(() -> Transport.of(tcp(address)), host);
            }
            default -> throw new IllegalArgumentException("unsupported host scheme: " + uri);
        }
    }

    private static SocketChannel tcp(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.connect(address);
        channel.socket().setTcpNoDelay(true);
        return channel;
    }

    private static SSLContext sslContext(TlsFiles files) throws IOException {
        try {
            return TlsContexts.client(files.ca(), files.cert(), files.key());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load TLS files: " + e.getMessage(), e);
        }
    }

    private static Transport tlsTransport(SSLContext context, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        return Transport.of(socket);
    }

    /**
     * Learns the daemon's API version: {@code HEAD /_ping}, or {@code GET /_ping} when HEAD is a 404; no
     * {@code Api-Version} means 1.24; the result is capped at {@link #MAX_VERSION}.
     */
    public String negotiate() throws IOException {
        ClientResponse ping = send("HEAD", "/_ping", Map.of(), null, null, null);
        if (ping.status() == 404) {
            ping.discard();
            ping = send("GET", "/_ping", Map.of(), null, null, null);
        }
        ping.discard();
        String offered = ping.header("Api-Version").filter(v -> !v.isBlank()).orElse(FALLBACK_VERSION).strip();
        apiVersion = ApiVersions.min(offered, MAX_VERSION);
        return apiVersion;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public ClientResponse get(String pathAndQuery) throws IOException {
        return request("GET", pathAndQuery, Map.of(), null);
    }

    public ClientResponse head(String pathAndQuery) throws IOException {
        return request("HEAD", pathAndQuery, Map.of(), null);
    }

    public ClientResponse delete(String pathAndQuery) throws IOException {
        return request("DELETE", pathAndQuery, Map.of(), null);
    }

    /** A POST with a JSON body, or with {@code Content-Length: 0} when the body is null. */
    public ClientResponse post(String pathAndQuery, Object jsonBodyOrNull) throws IOException {
        return request("POST", pathAndQuery, Map.of(), jsonBodyOrNull);
    }

    /** A streamed body ({@code Transfer-Encoding: chunked}): image load and import, archive upload. */
    public ClientResponse upload(String method, String pathAndQuery, InputStream body, String contentType)
            throws IOException {
        String target = versioned(pathAndQuery);
        return checked(send(method, target, Map.of(), null, body, contentType), target);
    }

    /** The general form: extra header fields (e.g. {@code X-Registry-Auth}) and an optional JSON body. */
    public ClientResponse request(String method, String pathAndQuery, Map<String, String> headers,
                                  Object jsonBodyOrNull) throws IOException {
        byte[] body = null;
        String contentType = null;
        if (jsonBodyOrNull != null) {
            body = Json.mapper().writeValueAsBytes(jsonBodyOrNull);
            contentType = "application/json";
        } else if (method.equals("POST") || method.equals("PUT")) {
            body = new byte[0];
        }
        String target = versioned(pathAndQuery);
        return checked(send(method, target, headers, body, null, contentType), target);
    }

    /**
     * Docker's hijack (attach, exec start): asks for {@code Upgrade: tcp} on a fresh connection and returns the
     * raw stream once the daemon answers 101. Any other answer is an {@link EngineError}.
     */
    public RawStream hijack(String pathAndQuery, Object jsonBodyOrNull) throws IOException {
        byte[] body = jsonBodyOrNull == null ? new byte[0] : Json.mapper().writeValueAsBytes(jsonBodyOrNull);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Connection", "Upgrade");
        headers.put("Upgrade", "tcp");
        ClientConnection connection = new ClientConnection(dialer.dial());
        try {
            writeRequest(connection, "POST", versioned(pathAndQuery), headers, body, null,
                    jsonBodyOrNull == null ? "text/plain" : "application/json");
            ResponseHead head = ResponseHead.read(connection.in);
            if (head.status() == 101) {
                return new RawStream(connection.transport, connection.in, () -> { });
            }
            InputStream rest = MessageBody.forResponse("POST", head.status(), head.headers(), connection.in);
            throw error(head.status(), rest.readNBytes(MAX_ERROR_BODY), versioned(pathAndQuery));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        idle.forEach(ClientConnection::close);
        idle.clear();
    }

    private String versioned(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        if (pathAndQuery.equals("/_ping") || pathAndQuery.startsWith("/_ping?")) {
            return pathAndQuery;
        }
        return "/v" + apiVersion + pathAndQuery;
    }

    private ClientResponse checked(ClientResponse response, String target) throws IOException {
        int status = response.status();
        if (status / 100 == 2 || status == 304 || status == 101) {
            return response;
        }
        byte[] body;
        try (response) {
            body = response.body().readNBytes(MAX_ERROR_BODY);
        }
        throw error(status, body, target);
    }

    /** Sends one request, retrying once on a fresh connection if a reused one turns out to be closed. */
    private ClientResponse send(String method, String target, Map<String, String> headers, byte[] body,
                                InputStream stream, String contentType) throws IOException {
        ClientConnection connection = borrow();
        try {
            return exchange(connection, method, target, headers, body, stream, contentType);
        } catch (IOException e) {
            connection.close();
            if (!connection.reused || stream != null) {
                throw e;
            }
            ClientConnection fresh = new ClientConnection(dialer.dial());
            try {
                return exchange(fresh, method, target, headers, body, null, contentType);
            } catch (IOException | RuntimeException again) {
                fresh.close();
                throw again;
            }
        }
    }

    private ClientResponse exchange(ClientConnection connection, String method, String target,
                                    Map<String, String> headers, byte[] body, InputStream stream,
                                    String contentType) throws IOException {
        writeRequest(connection, method, target, headers, body, stream, contentType);
        ResponseHead head = ResponseHead.read(connection.in);
        InputStream responseBody = MessageBody.forResponse(method, head.status(), head.headers(), connection.in);
        boolean reusable = head.keepAlive() && (method.equals("HEAD") || head.status() == 204
                || head.status() == 304 || MessageBody.isDelimited(head.headers()));
        return new ClientResponse(head.status(), head.headers(), responseBody, complete -> {
            if (complete && reusable) {
                giveBack(connection);
            } else {
                connection.close();
            }
        });
    }

    private void writeRequest(ClientConnection connection, String method, String target,
                              Map<String, String> headers, byte[] body, InputStream stream, String contentType)
            throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: berth-client\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (stream != null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        connection.out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (stream != null) {
            ChunkedOutputStream chunked = new ChunkedOutputStream(connection.out);
            stream.transferTo(chunked);
            chunked.close();
        } else if (body != null) {
            connection.out.write(body);
        }
        connection.out.flush();
    }

    private synchronized ClientConnection borrow() throws IOException {
        ClientConnection connection = idle.pollFirst();
        if (connection != null) {
            connection.reused = true;
            return connection;
        }
        return new ClientConnection(dialer.dial());
    }

    private synchronized void giveBack(ClientConnection connection) {
        idle.addFirst(connection);
    }

    /** The message docker prints for an error reply (wire reference §3). */
    EngineError error(int status, byte[] body, String target) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String reason = StatusText.of(status);
        if (text.isEmpty()) {
            return new EngineError(status, "request returned %d %s for API route and version http://%s%s, check if the server supports the requested API version"
                    .formatted(status, reason, host, target));
        }
        if (text.startsWith("{")) {
            try {
                JsonNode json = Json.mapper().readTree(text);
                JsonNode message = json.get("message");
                if (message != null && message.isTextual() && !message.asText().isEmpty()) {
                    return new EngineError(status, message.asText());
                }
                return new EngineError(status,
                        "API returned a %d (%s) but provided no error-message".formatted(status, reason));
            } catch (IOException notJson) {
                return new EngineError(status, text);
            }
        }
        return new EngineError(status, text);
    }
}
