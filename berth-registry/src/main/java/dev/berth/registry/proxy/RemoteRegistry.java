package dev.berth.registry.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.OciJson;
import dev.berth.registry.config.RegistryConfig;
import dev.berth.registry.errcode.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream of a pull-through cache ({@code proxy.remoteurl}), read with the Registry API. Credentials from
 * {@code proxy.username/password} are sent as Basic auth, or exchanged for a Bearer token when the remote answers
 * with a token challenge; tokens are kept per repository until they expire. An unreachable remote is UNAVAILABLE
 * (503).
 *
 * <pre>{@code
 * RemoteRegistry remote = new RemoteRegistry(config.proxy().get());
 * HttpResponse<InputStream> r = remote.get("library/busybox", "/manifests/latest", ACCEPT_ALL);
 * }</pre>
 */
public final class RemoteRegistry {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private record Token(String value, long expiresAtNanos) {
    }

    private final URI base;
    private final Optional<String> basic;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public RemoteRegistry(RegistryConfig.Proxy proxy) {
        String url = proxy.remoteUrl().toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.basic = proxy.username().map(u -> "Basic " + Base64.getEncoder().encodeToString(
                (u + ":" + proxy.password().orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    public URI base() {
        return base;
    }

    /** GET (or HEAD) {@code /v2/<repo><path>}, authenticating once when challenged. The caller closes the body. */
    public HttpResponse<InputStream> send(String method, String repo, String path, String accept) throws IOException {
        HttpResponse<InputStream> r = exchange(method, repo, path, accept, authorization(repo));
        if (r.statusCode() != 401) {
            return r;
        }
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        r.body().close();
        Optional<String> auth = challenge.regionMatches(true, 0, "Bearer ", 0, 7) ? fetchToken(repo, challenge)
                : basic;
        return auth.isEmpty() ? exchange(method, repo, path, accept, Optional.empty())
                : exchange(method, repo, path, accept, auth);
    }

    private HttpResponse<InputStream> exchange(String method, String repo, String path, String accept,
                                               Optional<String> auth) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(5));
        if (accept != null) {
            b.header("Accept", accept);
        }
        auth.ifPresent(a -> b.header("Authorization", a));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ErrorCode.UNAVAILABLE.withMessage("remote " + base + " unreachable: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted talking to " + base, e);
        }
    }

    private Optional<String> authorization(String repo) {
        Token t = tokens.get(repo);
        if (t != null && System.nanoTime() < t.expiresAtNanos()) {
            return Optional.of("Bearer " + t.value());
        }
        return basic;
    }

    /** The token protocol: ask the challenge's realm for a pull token on the repository. */
    private Optional<String> fetchToken(String repo, String challenge) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            return Optional.empty();
        }
        String query = "scope=" + URLEncoder.encode("repository:" + repo + ":pull", StandardCharsets.UTF_8)
                + (params.containsKey("service")
                ? "&service=" + URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8) : "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query))
                .timeout(Duration.ofSeconds(30));
        basic.ifPresent(a -> b.header("Authorization", a));
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching a token from " + realm, e);
        }
        if (r.statusCode() != 200) {
            throw new IOException("token server " + realm + " answered " + r.statusCode());
        }
        JsonNode body = OciJson.mapper().readTree(r.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new IOException("token server " + realm + " sent no token");
        }
        // expire a little early so a token never lapses mid-request; 60 s is the spec's default lifetime
        long seconds = Math.max(10, body.path("expires_in").asLong(60) - 5);
        tokens.put(repo, new Token(token, System.nanoTime() + Duration.ofSeconds(seconds).toNanos()));
        return Optional.of("Bearer " + token);
    }
}
