package dev.berth.registry.api;

import dev.berth.http.Handler;
import dev.berth.http.Router;
import java.util.List;

/**
 * The distribution API as one table of routes, under {@code http.prefix}. Repository names may contain slashes,
 * so {@code {name:.+}} takes everything up to the last {@code /blobs/}, {@code /manifests/} and so on.
 */
public final class RegistryApi {

    /** Wraps each route's handler (metrics, logging); gets the route's method and template. */
    @FunctionalInterface
    public interface Decorator {
        Handler wrap(String method, String template, Handler handler);
    }

    private RegistryApi() {
    }

    public static Router router(ApiContext ctx, String prefix, Decorator decorator) {
        ListRoutes lists = new ListRoutes(ctx);
        BlobRoutes blobs = new BlobRoutes(ctx);
        UploadRoutes uploads = new UploadRoutes(ctx);
        ManifestRoutes manifests = new ManifestRoutes(ctx);
        String repo = prefix + "/v2/{name:.+}";
        String upload = repo + "/blobs/uploads/{uuid}";
        String blob = repo + "/blobs/{digest}";
        String manifest = repo + "/manifests/{reference}";
        record Route(String method, String template, Handler handler) {
        }
        List<Route> table = List.of(
                new Route("GET", prefix + "/v2/", lists::base),
                new Route("HEAD", prefix + "/v2/", lists::base),
                new Route("GET", prefix + "/v2", lists::base),
                new Route("GET", prefix + "/v2/_catalog", lists::catalog),
                new Route("POST", repo + "/blobs/uploads/", uploads::start),
                new Route("POST", repo + "/blobs/uploads", uploads::start),
                new Route("GET", upload, uploads::status),
                new Route("PATCH", upload, uploads::patch),
                new Route("PUT", upload, uploads::put),
                new Route("DELETE", upload, uploads::cancel),
                new Route("GET", blob, blobs::get),
                new Route("HEAD", blob, blobs::get),
                new Route("DELETE", blob, blobs::delete),
                new Route("GET", manifest, manifests::get),
                new Route("HEAD", manifest, manifests::get),
                new Route("PUT", manifest, manifests::put),
                new Route("DELETE", manifest, manifests::delete),
                new Route("GET", repo + "/tags/list", lists::tags),
                new Route("GET", repo + "/referrers/{digest}", lists::referrers));
        Router router = new Router();
        for (Route r : table) {
            router.route(r.method(), r.template(), decorator.wrap(r.method(), r.template(), r.handler()));
        }
        return router;
    }
}
