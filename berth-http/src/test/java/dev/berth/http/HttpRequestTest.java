package dev.berth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.http.wire.Headers;
import dev.berth.http.wire.RequestHead;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    private static HttpRequest request(String target, String body, Headers headers) throws Exception {
        return new HttpRequest(new RequestHead("POST", target, "HTTP/1.1", headers),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodes_query_parameters_including_json_filters() throws Exception {
        HttpRequest req = request("/containers/json?all=1&filters=%7B%22name%22%3A%7B%22trace-%22%3Atrue%7D%7D"
                + "&label=a&label=b%20c&empty=", "", new Headers());
        assertEquals(Optional.of("{\"name\":{\"trace-\":true}}"), req.query("filters"));
        assertEquals(List.of("a", "b c"), req.queryAll("label"));
        assertEquals(Optional.of(""), req.query("empty"));
        assertEquals(Optional.empty(), req.query("missing"));
    }

    @Test
    void reads_booleans_the_way_docker_does() throws Exception {
        HttpRequest req = request("/x?a=1&b=true&c=True&d=0&e=false&f=&g=no&h=yes", "", new Headers());
        assertTrue(req.queryBool("a", false));
        assertTrue(req.queryBool("b", false));
        assertTrue(req.queryBool("c", false));
        assertFalse(req.queryBool("d", true));
        assertFalse(req.queryBool("e", true));
        assertFalse(req.queryBool("f", true));
        assertFalse(req.queryBool("g", true));
        assertTrue(req.queryBool("h", false));
        assertTrue(req.queryBool("absent", true));
    }

    @Test
    void reads_integers_and_rejects_garbage_with_400() throws Exception {
        HttpRequest req = request("/x?t=10&bad=ten&blank=", "", new Headers());
        assertEquals(10, req.queryInt("t", -1));
        assertEquals(-1, req.queryInt("blank", -1));
        assertEquals(7, req.queryInt("absent", 7));
        assertEquals(400, assertThrows(ApiException.class, () -> req.queryInt("bad", 0)).status());
    }

    @Test
    void keeps_plus_in_paths_and_decodes_it_in_queries() throws Exception {
        HttpRequest req = request("/a+b%2Fc?q=a+b", "", new Headers());
        assertEquals("/a+b/c", req.path());
        assertEquals("/a+b%2Fc", req.rawPath());
        assertEquals(Optional.of("a b"), req.query("q"));
    }

    @Test
    void parses_json_bodies_leniently() throws Exception {
        record Exec(Boolean Detach, boolean Tty) {
        }
        HttpRequest req = request("/exec/1/start", "{\"Detach\":null,\"Tty\":null,\"containerId\":\"x\"}",
                new Headers());
        Exec exec = req.json(Exec.class);
        assertNull(exec.Detach());
        assertFalse(exec.Tty());
        assertNull(request("/x", "", new Headers()).json(Map.class));
        assertEquals(400, assertThrows(ApiException.class,
                () -> request("/x", "{not json", new Headers()).json(Map.class)).status());
    }

    @Test
    void recognises_an_upgrade_request() throws Exception {
        Headers headers = new Headers().add("Connection", "Upgrade").add("Upgrade", "tcp");
        assertTrue(request("/containers/x/attach", "", headers).isUpgrade());
        assertFalse(request("/containers/x/attach", "", new Headers()).isUpgrade());
        assertEquals(Optional.of("tcp"), request("/", "", headers).header("upgrade"));
    }

    @Test
    void rejects_bad_percent_encoding() {
        assertThrows(dev.berth.http.wire.BadMessageException.class,
                () -> request("/a%zz", "", new Headers()));
    }
}
