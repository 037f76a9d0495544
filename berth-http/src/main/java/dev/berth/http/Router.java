package dev.berth.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes as a table: method + path template → handler, tried in the order declared.
 *
 * <pre>{@code
 * Router api = new Router().withVersionPrefix()
 *     .route("GET", "/containers/{id}/json", containers::inspect)
 *     .route("POST", "/images/{name:.+}/push", images::push);
 * }</pre>
 * A request for {@code /v1.41/images/127.0.0.1:5551/x:tag/push} reaches {@code images::push} with
 * {@code pathParam("name")} = {@code 127.0.0.1:5551/x:tag} and {@code apiVersion()} = {@code 1.41}. Anything
 * unmatched is a 404 {@code page not found}, like dockerd's. The router is itself a {@link Handler}, so a registry
 * declares its own table the same way.
 */
public final class Router implements Handler {

    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");

    private record Route(String method, PathTemplate template, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private boolean versionPrefix;

    /** Accepts an optional {@code /v<major>.<minor>} prefix, strips it and exposes it as the API version. */
    public Router withVersionPrefix() {
        versionPrefix = true;
        return this;
    }

    public Router route(String method, String template, Handler handler) {
        routes.add(new Route(method, PathTemplate.parse(template), handler));
        return this;
    }

    /** The templates declared, in order, as {@code "METHOD template"} (for docs and tests). */
    public List<String> table() {
        return routes.stream().map(r -> r.method() + " " + r.template().template()).toList();
    }

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        String path = request.decodedPath();
        Optional<String> version = Optional.empty();
        if (versionPrefix) {
            Matcher m = VERSION_PREFIX.matcher(path);
            if (m.matches()) {
                version = Optional.of(m.group(1));
                path = m.group(2);
            }
        }
        for (Route route : routes) {
            if (!route.method().equals(request.method())) {
                continue;
            }
            Optional<Map<String, String>> params = route.template().match(path);
            if (params.isPresent()) {
                request.routed(path, version, params.get());
                route.handler().handle(request, response);
                return;
            }
        }
        throw ApiException.notFound("page not found");
    }
}
