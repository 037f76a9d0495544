package dev.berth.daemon.distribution;

import dev.berth.oci.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Writes blobs and a manifest to a registry with bare Registry API v2 calls, for images no client
 * here would produce (a zstd layer): {@code POST} an upload, {@code PUT ?digest=} its bytes, {@code PUT}
 * the manifest. Plain HTTP, no auth.
 *
 * <pre>{@code
 * RawPusher push = new RawPusher("http://127.0.0.1:5000", "zstd/app");
 * Digest layer = push.blob(zstdBytes);
 * push.manifest("v1", OCI_MANIFEST, manifestJson);
 * }</pre>
 */
final class RawPusher {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String repository;

    RawPusher(String baseUrl, String repository) {
        this.base = URI.create(baseUrl);
        this.repository = repository;
    }

    /** Uploads {@code bytes} as one monolithic PUT and returns their digest. */
    Digest blob(byte[] bytes) throws IOException {
        Digest digest = Digest.sha256(bytes);
        HttpResponse<String> started = send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = base.resolve(location);
        String sep = upload.getRawQuery() == null ? "?" : "&";
        send(HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201);
        return digest;
    }

    /** Puts {@code body} under {@code tag} with Content-Type {@code mediaType}; returns its digest. */
    Digest manifest(String tag, String mediaType, byte[] body) throws IOException {
        send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), 201);
        return Digest.sha256(body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws IOException {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IOException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
