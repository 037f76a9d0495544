package dev.berth.image.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.OciJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * One registry endpoint, pinged and authenticated. The ping ({@code GET /v2/}) tells which auth the
 * registry wants; requests then carry basic credentials, or a bearer token fetched from the
 * challenge's realm for the scopes the request needs and reused until it expires. A 401 on a
 * request (token expired, scope grew) fetches a fresh token once.
 *
 * <pre>{@code
 * RegistryClient c = transport.connect("127.0.0.1:5000", creds, false);
 * HttpResponse<byte[]> r = c.send(c.request("/v2/busybox/manifests/latest").GET(),
 *         BodyHandlers.ofByteArray(), List.of("repository:busybox:pull"));
 * }</pre>
 */
public final class RegistryClient {
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private final URI base;
    private final String registry;
    private final Credentials credentials;
    private final RegistryTransport transport;
    private volatile Optional<Challenge> challenge;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    private RegistryClient(URI base, String registry, Credentials credentials, RegistryTransport transport,
                           Optional<Challenge> challenge) {
        this.base = base;
        this.registry = registry;
        this.credentials = credentials;
        this.transport = transport;
        this.challenge = challenge;
    }

    static RegistryClient ping(URI base, String registry, Credentials credentials, RegistryTransport transport,
                               Duration timeout) throws IOException {
        URI v2 = base.resolve("/v2/");
        HttpResponse<byte[]> r = exchange(transport.http(v2),
                HttpRequest.newBuilder(v2).timeout(timeout).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 200) {
            return new RegistryClient(base, registry, credentials, transport, Optional.empty());
        }
        if (r.statusCode() == 401) {
            Optional<Challenge> c = r.headers().firstValue("WWW-Authenticate").map(Challenge::parse);
            return new RegistryClient(base, registry, credentials, transport, c);
        }
        throw new IOException("Get \"" + v2 + "\": unexpected status from registry: " + r.statusCode());
    }

    /** Sends, turning the JDK's wording for an HTTP answer to a TLS hello or an unknown CA into Go's, as Docker prints it. */
    static <T> HttpResponse<T> exchange(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException {
        HttpRequest built = request.build();
        try {
            return http.send(built, body);
        } catch (SSLException e) {
            String verb = built.method().charAt(0) + built.method().substring(1).toLowerCase();
            String message = String.valueOf(e.getMessage());
            if (message.contains("nrecognized SSL message")) {
                throw new IOException(verb + " \"" + built.uri() + "\": http: server gave HTTP response to HTTPS client", e);
            }
            if (message.contains("unable to find valid certification path")) {
                throw new IOException(verb + " \"" + built.uri() + "\": x509: certificate signed by unknown authority", e);
            }
            throw new IOException(verb + " \"" + built.uri() + "\": " + message, e);
        } catch (ConnectException e) {
            throw new IOException("Get \"" + built.uri() + "\": dial tcp " + built.uri().getRawAuthority()
                    + ": connect: connection refused", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public URI base() {
        return base;
    }

    /** The registry's name as references spell it ({@code docker.io}, {@code 127.0.0.1:5000}). */
    public String registry() {
        return registry;
    }

    /** A request builder for a path under the endpoint ({@code /v2/...}) or an absolute upload location. */
    public HttpRequest.Builder request(String pathOrUrl) {
        return HttpRequest.newBuilder(base.resolve(pathOrUrl)).timeout(Duration.ofMinutes(30));
    }

    /** Sends with the authorization {@code scopes} need, retrying once with a fresh token on 401. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, List<String> scopes)
            throws IOException {
        HttpRequest built = request.build();
        refuseAnonymousBasic(built);
        authorization(scopes).ifPresent(a -> request.setHeader("Authorization", a));
        built = request.build();
        HttpResponse<T> r = exchange(transport.http(built.uri()), request, body);
        if (r.statusCode() != 401 || built.bodyPublisher().map(p -> p.contentLength() < 0).orElse(false)) {
            return r;
        }
        discard(r);
        r.headers().firstValue("WWW-Authenticate").map(Challenge::parse).ifPresent(c -> challenge = Optional.of(c));
        tokens.clear();
        refuseAnonymousBasic(built);
        authorization(scopes).ifPresent(a -> request.setHeader("Authorization", a));
        return exchange(transport.http(built.uri()), request, body);
    }

    /**
     * A registry that asks for basic auth gets no request without credentials: Go's client fails it
     * before sending, and dockerd reports that rather than the registry's 401.
     */
    private void refuseAnonymousBasic(HttpRequest request) {
        if (credentials.isAnonymous() && challenge.map(Challenge::isBasic).orElse(false)) {
            throw RegistryException.onRequest(500, request.method(), request.uri(), "no basic auth credentials");
        }
    }

    private static void discard(HttpResponse<?> r) throws IOException {
        if (r.body() instanceof InputStream in) {
            in.close();
        }
    }

    /** The Authorization value for the scopes, fetching a token when the registry asks for bearer auth. */
    Optional<String> authorization(List<String> scopes) throws IOException {
        Optional<Challenge> c = challenge;
        if (c.isEmpty()) {
            return Optional.empty();
        }
        if (c.get().isBasic()) {
            return credentials.isAnonymous() ? Optional.empty() : Optional.of(credentials.basicHeader());
        }
        if (!c.get().isBearer()) {
            throw new RegistryException(500, "unsupported authentication scheme from " + registry + ": " + c.get().scheme());
        }
        String key = String.join(" ", scopes);
        Token t = tokens.get(key);
        if (t == null || Instant.now().isAfter(t.expires())) {
            t = fetchToken(c.get(), scopes);
            tokens.put(key, t);
        }
        return Optional.of("Bearer " + t.value());
    }

    private Token fetchToken(Challenge c, List<String> scopes) throws IOException {
        String realm = c.param("realm").orElseThrow(() -> new RegistryException(500,
                "bearer challenge from " + registry + " names no realm"));
        StringBuilder query = new StringBuilder();
        c.param("service").ifPresent(s -> query.append("service=").append(encode(s)));
        for (String scope : scopes) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        }
        URI uri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + query));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (!credentials.isAnonymous()) {
            req.setHeader("Authorization", credentials.basicHeader());
        }
        HttpResponse<byte[]> r = exchange(transport.http(uri), req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RegistryException(401, "Get \"" + uri + "\": unauthorized: authentication required");
        }
        if (r.statusCode() != 200) {
            throw new RegistryException(500, "token endpoint " + realm + " answered " + r.statusCode());
        }
        JsonNode json = OciJson.mapper().readTree(r.body());
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException(500, "token endpoint " + realm + " returned no token");
        }
        long seconds = json.path("expires_in").asLong(0);
        Duration life = seconds >= 60 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
        // Renew a little early so a token never expires between being chosen and being checked.
        return new Token(token, Instant.now().plus(life).minusSeconds(5));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Checks credentials the way {@code docker login} does: a basic registry must accept them on
     * {@code /v2/}; a token registry must hand out a token for them.
     */
    public void login() throws IOException {
        URI v2 = base.resolve("/v2/");
        String failed = "login attempt to " + v2 + " failed with status: 401 Unauthorized";
        if (challenge.isEmpty()) {
            return;
        }
        if (challenge.get().isBearer()) {
            try {
                fetchToken(challenge.get(), List.of());
                return;
            } catch (RegistryException e) {
                throw new RegistryException(401, e.status() == 401 ? failed : e.getMessage());
            }
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(v2).timeout(Duration.ofSeconds(30)).GET();
        if (!credentials.isAnonymous()) {
            req.setHeader("Authorization", credentials.basicHeader());
        }
        HttpResponse<byte[]> r = exchange(transport.http(v2), req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new RegistryException(401, "login attempt to " + v2 + " failed with status: " + r.statusCode()
                    + " " + (r.statusCode() == 401 ? "Unauthorized" : "Error"));
        }
    }
}
