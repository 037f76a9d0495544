package dev.berth.registry.api;

import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.store.ManifestStore;
import dev.berth.registry.store.RepositoryName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The discovery endpoints: {@code /v2/}, {@code _catalog}, {@code tags/list} and OCI 1.1 {@code referrers}. */
final class ListRoutes {

    /** distribution's page size for {@code _catalog} when the client gives no {@code n}. */
    private static final int DEFAULT_CATALOG_PAGE = 100;

    private final ApiContext ctx;

    ListRoutes(ApiContext ctx) {
        this.ctx = ctx;
    }

    void base(HttpRequest req, HttpResponse res) throws IOException {
        ctx.access().authorize(req, List.of());
        res.json(200, Map.of());
    }

    void catalog(HttpRequest req, HttpResponse res) throws IOException {
        ctx.access().authorize(req, List.of(Scope.catalog()));
        Pagination pagination = Pagination.of(req).capped(ctx.catalogMaxEntries(), DEFAULT_CATALOG_PAGE);
        List<String> names = ctx.repositories().all().stream().map(RepositoryName::value).toList();
        Pagination.Page page = pagination.apply(names);
        if (page.more()) {
            res.header("Link", Pagination.link(ctx.urls().v2(req, "_catalog").replaceFirst("^https?://[^/]+", ""),
                    page, pagination.n().orElseThrow()));
        }
        res.json(200, Map.of("repositories", page.entries()));
    }

    void tags(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.repository(req, "pull");
        Pagination pagination = Pagination.of(req);
        Pagination.Page page = pagination.apply(ctx.manifests().tags(target.name()));
        if (page.more()) {
            res.header("Link", Pagination.link(ctx.urls().v2(req, target.name().value() + "/tags/list")
                    .replaceFirst("^https?://[^/]+", ""), page,
                    pagination.n().orElseThrow()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", target.name().value());
        body.put("tags", page.entries());
        res.json(200, body);
    }

    void referrers(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.repository(req, "pull");
        Digest subject = ApiContext.digest(req.pathParam("digest"));
        Optional<String> artifactType = req.query("artifactType").filter(s -> !s.isEmpty());
        List<Map<String, Object>> descriptors = new ArrayList<>();
        for (ManifestStore.Referrer r : ctx.manifests().referrers(target.name(), subject, artifactType)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mediaType", r.mediaType());
            d.put("digest", r.digest().toString());
            d.put("size", r.size());
            r.artifactType().ifPresent(t -> d.put("artifactType", t));
            if (!r.annotations().isEmpty()) {
                d.put("annotations", r.annotations());
            }
            descriptors.add(d);
        }
        artifactType.ifPresent(t -> res.header("OCI-Filters-Applied", "artifactType"));
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", descriptors);
        byte[] body = dev.berth.oci.OciJson.bytes(index);
        res.bytes(200, MediaTypes.OCI_INDEX, body);
    }
}
