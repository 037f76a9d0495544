package dev.berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.Digest;
import dev.berth.oci.OciJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A bare Registry API client for tests: one method per request kind, responses as they come. */
public final class V2Client {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> headers = new ArrayList<>();

    public V2Client(String base) {
        this.base = base;
    }

    public V2Client withHeader(String name, String value) {
        V2Client c = new V2Client(base);
        c.headers.addAll(headers);
        c.headers.add(name);
        c.headers.add(value);
        return c;
    }

    public HttpResponse<byte[]> send(String method, String pathOrUrl, byte[] body, String... extraHeaders)
            throws IOException {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public HttpResponse<byte[]> get(String path, String... extraHeaders) throws IOException {
        return send("GET", path, null, extraHeaders);
    }

    /** POST then PUT with the digest: the two-step monolithic upload. Returns the digest. */
    public Digest pushBlob(String repo, byte[] content) throws IOException {
        Digest d = Digest.sha256(content);
        HttpResponse<byte[]> start = send("POST", "/v2/" + repo + "/blobs/uploads/", null);
        check(start, 202);
        String location = start.headers().firstValue("Location").orElseThrow();
        String sep = location.contains("?") ? "&" : "?";
        check(send("PUT", location + sep + "digest=" + d, content, "Content-Type", "application/octet-stream"),
                201);
        return d;
    }

    public Digest pushManifest(String repo, String reference, String mediaType, byte[] manifest) throws IOException {
        HttpResponse<byte[]> r = send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest,
                "Content-Type", mediaType);
        check(r, 201);
        return Digest.parse(r.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }

    /** Pushes a config and one layer, then an image manifest of {@code mediaType} referencing them. */
    public Image pushImage(String repo, String tag, String mediaType, String seed) throws IOException {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer-" + seed).getBytes(StandardCharsets.UTF_8);
        Digest c = pushBlob(repo, config);
        Digest l = pushBlob(repo, layer);
        boolean docker = mediaType.contains("docker");
        byte[] manifest = OciJson.bytes(Map.of(
                "schemaVersion", 2,
                "mediaType", mediaType,
                "config", Map.of("mediaType", docker ? "application/vnd.docker.container.image.v1+json"
                        : "application/vnd.oci.image.config.v1+json", "digest", c.toString(), "size", config.length),
                "layers", List.of(Map.of("mediaType", docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                        : "application/vnd.oci.image.layer.v1.tar", "digest", l.toString(), "size", layer.length))));
        Digest m = pushManifest(repo, tag, mediaType, manifest);
        return new Image(m, manifest, c, l);
    }

    /** What {@link #pushImage} pushed. */
    public record Image(Digest manifest, byte[] manifestBytes, Digest config, Digest layer) {
    }

    public static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return OciJson.mapper().readTree(r.body());
    }

    /** The first error code of a distribution error body. */
    public static String errorCode(HttpResponse<byte[]> r) throws IOException {
        return json(r).path("errors").path(0).path("code").asText();
    }

    public static HttpResponse<byte[]> check(HttpResponse<byte[]> r, int status) {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + " (wanted "
                    + status + "): " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }
}
