package dev.berth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.http.wire.Headers;
import dev.berth.http.wire.RequestHead;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final List<String> calls = new ArrayList<>();

    private Handler record(String name, String... params) {
        return (req, res) -> {
            StringBuilder sb = new StringBuilder(name);
            for (String p : params) {
                sb.append(' ').append(p).append('=').append(req.pathParam(p));
            }
            req.apiVersion().ifPresent(v -> sb.append(" v=").append(v));
            calls.add(sb.toString());
        };
    }

    private Router docker() {
        return new Router().withVersionPrefix()
                .route("GET", "/containers/{id}/json", record("inspect", "id"))
                .route("POST", "/images/{name:.+}/push", record("push", "name"))
                .route("POST", "/images/{name:.+}/tag", record("tag", "name"))
                .route("DELETE", "/images/{name:.+}", record("rmi", "name"))
                .route("HEAD", "/_ping", record("ping"));
    }

    private static HttpRequest request(String method, String target) throws Exception {
        return new HttpRequest(new RequestHead(method, target, "HTTP/1.1", new Headers()),
                InputStream.nullInputStream());
    }

    @Test
    void matches_a_segment_parameter_and_strips_the_version_prefix() throws Exception {
        HttpRequest req = request("GET", "/v1.41/containers/trace-d/json");
        docker().handle(req, null);
        assertEquals(List.of("inspect id=trace-d v=1.41"), calls);
        assertEquals("/containers/trace-d/json", req.path());
        assertEquals(Optional.of("1.41"), req.apiVersion());
    }

    @Test
    void matches_image_names_with_slashes_and_colons_greedily() throws Exception {
        Router router = docker();
        router.handle(request("POST", "/v1.47/images/127.0.0.1:5551/x/y:tag/push"), null);
        router.handle(request("POST", "/images/trace-commit:v1/tag?repo=a"), null);
        router.handle(request("DELETE", "/v1.41/images/127.0.0.1:5552/trace-authbox:latest"), null);
        assertEquals(List.of("push name=127.0.0.1:5551/x/y:tag v=1.47", "tag name=trace-commit:v1",
                "rmi name=127.0.0.1:5552/trace-authbox:latest v=1.41"), calls);
    }

    @Test
    void decodes_percent_escapes_before_matching() throws Exception {
        docker().handle(request("GET", "/containers/a%20b/json"), null);
        assertEquals(List.of("inspect id=a b"), calls);
    }

    @Test
    void answers_page_not_found_for_unknown_paths_and_methods() {
        Router router = docker();
        ApiException unknown = assertThrows(ApiException.class,
                () -> router.handle(request("GET", "/v1.41/nothing"), null));
        assertEquals(404, unknown.status());
        assertEquals("page not found", unknown.getMessage());
        assertThrows(ApiException.class, () -> router.handle(request("GET", "/_ping"), null));
        assertThrows(ApiException.class, () -> router.handle(request("GET", "/containers/a/b/json"), null));
    }

    @Test
    void keeps_the_prefix_as_path_without_version_support() throws Exception {
        Router router = new Router().route("GET", "/v2/{name:.+}/manifests/{reference}",
                record("manifest", "name", "reference"));
        router.handle(request("GET", "/v2/library/busybox/manifests/latest"), null);
        assertEquals(List.of("manifest name=library/busybox reference=latest"), calls);
    }

    @Test
    void rejects_bad_templates() {
        assertThrows(IllegalArgumentException.class, () -> new Router().route("GET", "x/{id}", record("x")));
        assertThrows(IllegalArgumentException.class, () -> new Router().route("GET", "/{id", record("x")));
        assertThrows(IllegalArgumentException.class, () -> new Router().route("GET", "/{a}/{a}", record("x")));
    }
}
