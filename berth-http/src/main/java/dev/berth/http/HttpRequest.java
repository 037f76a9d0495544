package dev.berth.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.berth.http.wire.BadMessageException;
import dev.berth.http.wire.RequestHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as a handler sees it: the decoded path (version prefix already stripped by the {@link Router}),
 * query parameters, header fields, the path parameters of the matched route, and the body as a stream that is
 * read from the socket as the handler reads it.
 */
public final class HttpRequest {

    private final RequestHead head;
    private final InputStream body;
    private final String rawPath;
    private final String rawQuery;
    private final String decodedPath;
    private Map<String, List<String>> query;
    private String path;
    private Optional<String> apiVersion = Optional.empty();
    private Map<String, String> pathParams = Map.of();

    public HttpRequest(RequestHead head, InputStream body) throws BadMessageException {
        this.head = Objects.requireNonNull(head);
        this.body = Objects.requireNonNull(body);
        String target = stripAuthority(head.target());
        int q = target.indexOf('?');
        this.rawPath = q < 0 ? target : target.substring(0, q);
        this.rawQuery = q < 0 ? "" : target.substring(q + 1);
        if (!rawPath.startsWith("/")) {
            throw BadMessageException.malformed("request target must be a path: " + head.target());
        }
        this.decodedPath = percentDecode(rawPath);
        this.path = decodedPath;
    }

    public String method() {
        return head.method();
    }

    /** The decoded path the route matched, without a {@code /vX.Y} prefix. */
    public String path() {
        return path;
    }

    /** The path as sent, still percent-encoded and with any version prefix. */
    public String rawPath() {
        return rawPath;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public Optional<String> query(String name) {
        List<String> values = queryMap().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public List<String> queryAll(String name) {
        return queryMap().getOrDefault(name, List.of());
    }

    /**
     * Docker's reading of a boolean parameter: absent → {@code fallback}; "", "0", "no", "false" and "none"
     * (any case) → false; anything else ("1", "true", "True", …) → true.
     */
    public boolean queryBool(String name, boolean fallback) {
        return query(name).map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "", "0", "no", "false", "none" -> false;
            default -> true;
        }).orElse(fallback);
    }

    /** An integer parameter; absent or empty → {@code fallback}, not a number → 400. */
    public int queryInt(String name, int fallback) {
        Optional<String> value = query(name).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get().strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("invalid value for %s: %s", name, value.get());
        }
    }

    public Optional<String> header(String name) {
        return head.headers().first(name);
    }

    public List<String> headers(String name) {
        return head.headers().all(name);
    }

    /** The body, streamed from the connection; whatever is left unread is drained by the server afterwards. */
    public InputStream body() {
        return body;
    }

    /**
     * The same body as a channel (reading one advances the other): reads into a direct buffer go from the socket
     * straight into it, without the copies through the heap that a stream costs.
     */
    public ReadableByteChannel bodyChannel() {
        return body instanceof ReadableByteChannel channel ? channel : Channels.newChannel(body);
    }

    /** The body as JSON, {@code null} when it is empty; malformed JSON → 400. */
    public <T> T json(Class<T> type) throws IOException {
        try (JsonParser parser = Json.mapper().createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return Json.mapper().readValue(parser, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ApiException.invalidParameter("%s", e.getOriginalMessage());
        }
    }

    /** The body as a JSON tree, {@link MissingNode} when it is empty; malformed JSON → 400. */
    public JsonNode jsonTree() throws IOException {
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ApiException.invalidParameter("%s", e.getOriginalMessage());
        }
    }

    /** A parameter of the matched route template, e.g. {@code id} of {@code /containers/{id}/json}. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return value;
    }

    /** The {@code X.Y} of a {@code /vX.Y} prefix, when the router accepts one and the client sent it. */
    public Optional<String> apiVersion() {
        return apiVersion;
    }

    /** True when the client asked to take over the connection ({@code Connection: Upgrade} + {@code Upgrade}). */
    public boolean isUpgrade() {
        return head.headers().hasToken("Connection", "upgrade") && head.headers().contains("Upgrade");
    }

    RequestHead head() {
        return head;
    }

    String decodedPath() {
        return decodedPath;
    }

    void routed(String strippedPath, Optional<String> version, Map<String, String> params) {
        this.path = strippedPath;
        this.apiVersion = version;
        this.pathParams = Map.copyOf(params);
    }

    private Map<String, List<String>> queryMap() {
        if (query == null) {
            query = parseQuery(rawQuery);
        }
        return query;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                map.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("malformed query parameter: %s", pair);
            }
        }
        return map;
    }

    private static String stripAuthority(String target) {
        for (String scheme : new String[] {"http://", "https://"}) {
            if (target.regionMatches(true, 0, scheme, 0, scheme.length())) {
                int slash = target.indexOf('/', scheme.length());
                return slash < 0 ? "/" : target.substring(slash);
            }
        }
        return target;
    }

    /** Percent-decoding for paths: unlike form decoding, '+' stays '+'. */
    static String percentDecode(String s) throws BadMessageException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw BadMessageException.malformed("bad percent-encoding in path: " + s);
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
