package dev.berth.image.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Opens {@link RegistryClient}s: one HTTP client per scheme and host (so concurrent blob transfers
 * share connections), TLS from {@link RegistryTls} or, for insecure registries, unverified, and the
 * endpoint order of {@link RemoteOptions#endpoints}.
 *
 * <pre>{@code
 * RegistryTransport transport = new RegistryTransport(options);
 * RegistryClient client = transport.connect("127.0.0.1:5000", Credentials.ANONYMOUS, false);
 * }</pre>
 */
public final class RegistryTransport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private final RemoteOptions options;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final java.util.Set<URI> answered = ConcurrentHashMap.newKeySet();

    public RegistryTransport(RemoteOptions options) {
        this.options = options;
    }

    public RemoteOptions options() {
        return options;
    }

    /** Pings each endpoint of {@code registry} in turn and returns a client for the first that answers. */
    public RegistryClient connect(String registry, Credentials credentials, boolean withMirrors) throws IOException {
        List<URI> endpoints = preferWorking(options.endpoints(registry, withMirrors));
        IOException last = null;
        for (int i = 0; i < endpoints.size(); i++) {
            try {
                return connect(endpoints.get(i), registry, credentials, i < endpoints.size() - 1);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A client for one endpoint, after pinging it; with another endpoint to fall back to, a silent one is given up on sooner. */
    public RegistryClient connect(URI base, String registry, Credentials credentials, boolean fallbackFollows)
            throws IOException {
        Duration wait = fallbackFollows ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
        RegistryClient c = RegistryClient.ping(base, registry, credentials, this, wait);
        answered.add(base);
        return c;
    }

    /**
     * Moves an endpoint that answered before to the front: an insecure registry found to speak
     * plain HTTP is not offered a TLS handshake on every pull. The order is otherwise kept.
     */
    public List<URI> preferWorking(List<URI> endpoints) {
        List<URI> out = new java.util.ArrayList<>(endpoints.stream().filter(answered::contains).toList());
        endpoints.stream().filter(e -> !answered.contains(e)).forEach(out::add);
        return out;
    }

    /**
     * The client for the URI's scheme and host. An HTTPS client is keyed by the TLS files' revision
     * too: a CA added to or removed from certs.d applies to the next request, and the client built
     * from the old files is shut down once its requests are done.
     */
    HttpClient http(URI uri) throws IOException {
        String authority = uri.getScheme() + "://" + uri.getRawAuthority();
        String key = uri.getScheme().equals("https") ? authority + " " + options.tls().revision(hostPort(uri)) : authority;
        HttpClient c = clients.get(key);
        if (c == null) {
            c = build(uri);
            HttpClient raced = clients.putIfAbsent(key, c);
            c = raced != null ? raced : c;
            clients.entrySet().removeIf(e -> {
                boolean stale = e.getKey().startsWith(authority + " ") && !e.getKey().equals(key);
                if (stale) {
                    e.getValue().shutdown();
                }
                return stale;
            });
        }
        return c;
    }

    private static String hostPort(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getRawAuthority();
    }

    private HttpClient build(URI uri) throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT);
        if (uri.getScheme().equals("https")) {
            String hostPort = hostPort(uri);
            SSLContext ctx = options.insecure().allowsPlainHttp(hostPort) ? TrustAll.context()
                    : options.tls().contextFor(hostPort);
            b.sslContext(ctx);
        }
        return b.build();
    }
}
