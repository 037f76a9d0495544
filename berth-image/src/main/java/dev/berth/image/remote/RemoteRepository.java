package dev.berth.image.remote;

import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * One repository on a registry, with the Registry API v2 calls pull and push are made of: manifests
 * by tag or digest, blobs by digest, blob existence, cross-repository mounts and streamed uploads.
 * Manifests are checked against their digest here; blob streams are checked by their readers.
 *
 * <pre>{@code
 * RemoteRepository repo = new RemoteRepository(client, "library/busybox", false);
 * RemoteRepository.Manifest m = repo.manifest("latest");
 * try (InputStream blob = repo.blob(layerDigest)) { ... }
 * }</pre>
 */
public final class RemoteRepository {
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_SCHEMA1_SIGNED,
            MediaTypes.DOCKER_SCHEMA1);
    private final RegistryClient client;
    private final String path;
    private final List<String> scopes;

    /** With {@code push}, requests ask for pull and push rights (a token for both, once). */
    public RemoteRepository(RegistryClient client, String path, boolean push) {
        this.client = client;
        this.path = path;
        this.scopes = List.of("repository:" + path + ":" + (push ? "pull,push" : "pull"));
    }

    public String path() {
        return path;
    }

    public RegistryClient client() {
        return client;
    }

    /** A manifest or index: its bytes, their digest and media type. */
    public record Manifest(Digest digest, String mediaType, byte[] bytes) {
    }

    /** Fetches a manifest by tag or digest; its bytes must hash to the digest asked for or announced. */
    public Manifest manifest(String tagOrDigest) throws IOException {
        HttpResponse<byte[]> r = client.send(client.request("/v2/" + path + "/manifests/" + tagOrDigest)
                .header("Accept", ACCEPT).GET(), BodyHandlers.ofByteArray(), scopes);
        if (r.statusCode() != 200) {
            throw failure(r.statusCode(), r.body(), "manifest for " + client.registry() + "/" + path
                    + (Digest.isDigest(tagOrDigest) ? "@" : ":") + tagOrDigest);
        }
        Digest actual = Digest.sha256(r.body());
        Optional<Digest> expected = Digest.isDigest(tagOrDigest) ? Optional.of(Digest.parse(tagOrDigest))
                : r.headers().firstValue("Docker-Content-Digest").filter(Digest::isDigest).map(Digest::parse)
                        .filter(d -> d.algorithm().equals("sha256"));
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw new RegistryException(500, "manifest verification failed for digest " + expected.get());
        }
        String type = r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse("");
        return new Manifest(actual, type, r.body());
    }

    private RegistryException failure(int status, byte[] body, String what) {
        String why = RegistryException.explain(status, body);
        if (status == 404) {
            return new RegistryException(404, what + " not found: " + why);
        }
        if (status == 401 || status == 403) {
            return new RegistryException(status == 401 ? 401 : 403, "pull access denied for " + client.registry()
                    + "/" + path + ", repository does not exist or may require 'docker login': denied: " + why);
        }
        return new RegistryException(500, what + ": " + why);
    }

    /** The repository's tags ({@code GET /v2/<name>/tags/list}), for {@code pull --all-tags}. */
    public List<String> tags() throws IOException {
        HttpResponse<byte[]> r = client.send(client.request("/v2/" + path + "/tags/list").GET(),
                BodyHandlers.ofByteArray(), scopes);
        if (r.statusCode() != 200) {
            throw failure(r.statusCode(), r.body(), "tags of " + client.registry() + "/" + path);
        }
        List<String> out = new java.util.ArrayList<>();
        dev.berth.oci.OciJson.mapper().readTree(r.body()).path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }

    /** Streams a blob; the caller checks the bytes against the digest. */
    public InputStream blob(Digest digest) throws IOException {
        HttpResponse<InputStream> r = client.send(client.request("/v2/" + path + "/blobs/" + digest).GET(),
                BodyHandlers.ofInputStream(), scopes);
        if (r.statusCode() != 200) {
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readAllBytes();
            }
            throw failure(r.statusCode(), body, "blob " + digest);
        }
        return r.body();
    }

    /** The blob's size when the repository has it. */
    public Optional<Long> stat(Digest digest) throws IOException {
        HttpResponse<Void> r = client.send(client.request("/v2/" + path + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), BodyHandlers.discarding(), scopes);
        if (r.statusCode() == 200) {
            return Optional.of(r.headers().firstValueAsLong("Content-Length").orElse(-1));
        }
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        throw new RegistryException(r.statusCode() == 401 ? 401 : 500, "checking blob " + digest + " in "
                + client.registry() + "/" + path + ": unexpected status " + r.statusCode());
    }

    /** Asks the registry to link a blob it holds in {@code fromPath}; false when it would rather take an upload. */
    public boolean mount(Digest digest, String fromPath) throws IOException {
        List<String> both = List.of(scopes.getFirst(), "repository:" + fromPath + ":pull");
        HttpResponse<Void> r = client.send(client.request("/v2/" + path + "/blobs/uploads/?mount=" + digest
                + "&from=" + fromPath).POST(HttpRequest.BodyPublishers.noBody()), BodyHandlers.discarding(), both);
        if (r.statusCode() == 201) {
            return true;
        }
        if (r.statusCode() == 202) {
            Optional<String> location = r.headers().firstValue("Location");
            if (location.isPresent()) {
                client.send(client.request(location.get()).DELETE(), BodyHandlers.discarding(), scopes);
            }
        }
        return false;
    }

    /** What an upload stored: the digest and size of the bytes sent. */
    public record Uploaded(Digest digest, long size) {
    }

    /**
     * Uploads a blob in one streamed PATCH, hashing as it goes, then commits it under the digest of
     * what was sent ({@code PUT ?digest=}), which the registry checks again.
     */
    public Uploaded upload(InputStream content) throws IOException {
        String location = startUpload();
        MessageDigest sha = Digest.newSha256();
        CountingInputStream counted = new CountingInputStream(new DigestInputStream(content, sha));
        HttpResponse<byte[]> patch = client.send(client.request(location)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> counted)),
                BodyHandlers.ofByteArray(), scopes);
        if (patch.statusCode() != 202) {
            throw new RegistryException(500, "uploading to " + client.registry() + "/" + path + ": "
                    + RegistryException.explain(patch.statusCode(), patch.body()));
        }
        Digest digest = Digest.fromSha256(sha);
        commitUpload(patch.headers().firstValue("Location").orElse(location), digest, HttpRequest.BodyPublishers.noBody());
        return new Uploaded(digest, counted.count());
    }

    /** Uploads small known bytes (a config) in a single PUT. */
    public void upload(byte[] bytes, Digest digest) throws IOException {
        commitUpload(startUpload(), digest, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private String startUpload() throws IOException {
        HttpResponse<byte[]> r = client.send(client.request("/v2/" + path + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), BodyHandlers.ofByteArray(), scopes);
        if (r.statusCode() != 202) {
            throw failure(r.statusCode(), r.body(), "starting an upload to " + client.registry() + "/" + path);
        }
        return r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(500,
                "registry gave no upload location"));
    }

    private void commitUpload(String location, Digest digest, HttpRequest.BodyPublisher body) throws IOException {
        String url = location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
        HttpResponse<byte[]> r = client.send(client.request(url).header("Content-Type", "application/octet-stream")
                .PUT(body), BodyHandlers.ofByteArray(), scopes);
        if (r.statusCode() != 201) {
            throw new RegistryException(500, "committing blob " + digest + " to " + client.registry() + "/" + path
                    + ": " + RegistryException.explain(r.statusCode(), r.body()));
        }
    }

    /** Stores a manifest under a tag (or its digest); returns the digest the registry files it under. */
    public Digest putManifest(String reference, String mediaType, byte[] bytes) throws IOException {
        HttpResponse<byte[]> r = client.send(client.request("/v2/" + path + "/manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                BodyHandlers.ofByteArray(), scopes);
        if (r.statusCode() != 201) {
            throw failure(r.statusCode(), r.body(), "pushing manifest for " + client.registry() + "/" + path + ":" + reference);
        }
        return Digest.sha256(bytes);
    }
}
