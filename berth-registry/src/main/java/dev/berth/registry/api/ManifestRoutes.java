package dev.berth.registry.api;

import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.store.ManifestDocument;
import dev.berth.registry.store.ManifestReference;
import dev.berth.registry.store.ManifestStore;
import dev.berth.registry.store.StoredManifest;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v2/<name>/manifests/<reference>} by tag or digest. GET and HEAD answer with the stored bytes and their
 * media type when the client's {@code Accept} allows it; PUT stores a manifest whose references all exist; DELETE
 * removes a revision (by digest) or a tag.
 */
final class ManifestRoutes {

    /** distribution's limit; a manifest is metadata, and a bigger body is a mistake or an attack. */
    static final int MAX_MANIFEST_BYTES = 4 << 20;

    private final ApiContext ctx;

    ManifestRoutes(ApiContext ctx) {
        this.ctx = ctx;
    }

    void get(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.repository(req, "pull");
        ManifestReference ref = ManifestReference.parse(req.pathParam("reference"));
        Optional<StoredManifest> found = ctx.proxy().isPresent() ? ctx.proxy().get().manifest(target.name(), ref)
                : ctx.manifests().get(target.name(), ref);
        StoredManifest m = found.orElseThrow(() -> ErrorCode.MANIFEST_UNKNOWN.with(Map.of(ref instanceof ManifestReference.Tag
                        ? "Tag" : "Digest", ref.toString())));
        if (!acceptable(req.headers("Accept"), m.mediaType())) {
            throw ErrorCode.MANIFEST_UNKNOWN.withMessage("manifest of type " + m.mediaType()
                    + " found, but the Accept header does not allow it", Map.of("Reference", ref.toString()));
        }
        String etag = "\"" + m.digest() + "\"";
        res.header("Docker-Content-Digest", m.digest().toString());
        res.header("ETag", etag);
        if (req.header("If-None-Match").filter(etag::equals).isPresent()) {
            res.empty(304);
            return;
        }
        res.bytes(200, m.mediaType(), m.content());
        if (req.method().equals("GET")) {
            ctx.emit(req, "pull", target, m.mediaType(), m.digest(), m.content().length,
                    ref instanceof ManifestReference.Tag t ? Optional.of(t.name()) : Optional.empty(),
                    ctx.urls().manifest(req, target.name().value(), m.digest().toString()));
        }
    }

    void put(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.writableRepository(req, "pull", "push");
        ManifestReference ref = ManifestReference.parse(req.pathParam("reference"));
        byte[] body = req.body().readNBytes(MAX_MANIFEST_BYTES + 1);
        if (body.length > MAX_MANIFEST_BYTES) {
            throw ErrorCode.SIZE_INVALID.withMessage("manifest larger than " + MAX_MANIFEST_BYTES + " bytes", null);
        }
        ManifestStore.PutResult put = ctx.manifests().put(target.name(), ref, body, req.header("Content-Type"));
        String url = ctx.urls().manifest(req, target.name().value(), put.digest().toString());
        res.header("Location", url);
        res.header("Docker-Content-Digest", put.digest().toString());
        put.subject().ifPresent(s -> res.header("OCI-Subject", s.toString()));
        res.empty(201);
        String mediaType = ctx.manifests().load(put.digest()).map(StoredManifest::mediaType).orElse("");
        ctx.emit(req, "push", target, mediaType, put.digest(), body.length,
                ref instanceof ManifestReference.Tag t ? Optional.of(t.name()) : Optional.empty(), url);
    }

    void delete(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.writableRepository(req, "delete");
        ctx.requireDelete();
        ManifestReference ref = ManifestReference.parse(req.pathParam("reference"));
        Optional<StoredManifest> before = ctx.manifests().get(target.name(), ref);
        if (!ctx.manifests().delete(target.name(), ref)) {
            throw ErrorCode.MANIFEST_UNKNOWN.with(Map.of(ref instanceof ManifestReference.Tag ? "Tag" : "Digest",
                    ref.toString()));
        }
        before.ifPresent(m -> ctx.emit(req, "delete", target, m.mediaType(), m.digest(), m.content().length,
                ref instanceof ManifestReference.Tag t ? Optional.of(t.name()) : Optional.empty(),
                ctx.urls().manifest(req, target.name().value(), m.digest().toString())));
        res.empty(202);
    }

    /** True when no Accept was sent, it allows anything, or it lists the type (parameters and q ignored). */
    static boolean acceptable(List<String> acceptHeaders, String mediaType) {
        List<String> types = acceptHeaders.stream().flatMap(h -> Arrays.stream(h.split(",")))
                .map(ManifestDocument::bareType).filter(s -> !s.isEmpty()).toList();
        return types.isEmpty() || types.contains(mediaType) || types.contains("*/*")
                || types.contains("application/*");
    }
}
