package dev.berth.registry.api;

import dev.berth.http.HttpRequest;
import java.util.Optional;

/**
 * Builds the URLs the registry hands out in {@code Location} and {@code Link}: relative paths with
 * {@code http.relativeurls}, otherwise absolute ones on {@code http.host}, or on the Host the client used (honouring
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} from a proxy in front).
 */
public record Urls(String prefix, Optional<String> host, boolean relative, boolean tls) {

    public String v2(HttpRequest request, String path) {
        String rel = prefix + "/v2/" + path;
        if (relative) {
            return rel;
        }
        if (host.isPresent()) {
            return stripSlash(host.get()) + rel;
        }
        String scheme = request.header("X-Forwarded-Proto").orElse(tls ? "https" : "http");
        String authority = request.header("X-Forwarded-Host").or(() -> request.header("Host")).orElse("localhost");
        return scheme + "://" + authority + rel;
    }

    public String blob(HttpRequest request, String repo, String digest) {
        return v2(request, repo + "/blobs/" + digest);
    }

    public String upload(HttpRequest request, String repo, String uuid) {
        return v2(request, repo + "/blobs/uploads/" + uuid);
    }

    public String manifest(HttpRequest request, String repo, String reference) {
        return v2(request, repo + "/manifests/" + reference);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
