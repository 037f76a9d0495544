package dev.berth.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.HttpServer;
import dev.berth.http.Listener;
import dev.berth.http.RawStream;
import dev.berth.http.Router;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against the server, over a unix socket in a temp dir and over loopback TCP. */
class EngineClientTest {

    @TempDir
    Path dir;

    private TestDaemon daemon;
    private EngineClient client;

    private void start(String kind) throws Exception {
        daemon = kind.equals("unix") ? TestDaemon.unix(dir) : TestDaemon.tcp();
        client = EngineClient.connect(daemon.uri, Optional.empty());
        assertEquals("1.47", client.negotiate());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void negotiates_and_reuses_one_connection_for_sequential_requests(String kind) throws Exception {
        start(kind);
        JsonNode first = client.get("/info").jsonTree();
        JsonNode second = client.get("/info").jsonTree();
        assertEquals("1.47", first.get("version").asText());
        assertEquals(first.get("connection").asLong(), second.get("connection").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void streams_a_50_mb_chunked_upload_through(String kind) throws Exception {
        start(kind);
        long size = 50L * 1024 * 1024;
        JsonNode result = client.upload("PUT", "/containers/c/archive?path=/", new PatternStream(size),
                "application/x-tar").jsonTree();
        assertEquals(size, result.get("size").asLong());
        assertEquals(TestDaemon.digest(new PatternStream(size)).get("sha256"), result.get("sha256").asText());
        assertEquals("1.47", client.get("/info").jsonTree().get("version").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void receives_stream_headers_before_any_body_then_json_messages(String kind) throws Exception {
        start(kind);
        try (ClientResponse events = client.get("/events")) {
            assertEquals(200, events.status());
            assertEquals(Optional.of("application/json"), events.header("Content-Type"));
            daemon.releaseEvents.countDown();
            List<String> statuses = new ArrayList<>();
            JsonMessages.read(events.body()).forEach(m -> statuses.add(m.get("status").asText()));
            assertEquals(List.of("create", "start", "die"), statuses);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void hijacks_and_keeps_sending_after_the_client_half_closes(String kind) throws Exception {
        start(kind);
        try (RawStream raw = client.hijack("/containers/c/attach?stream=1&stdin=1", null)) {
            raw.out().write("line1\nline2\n".getBytes(StandardCharsets.UTF_8));
            raw.closeWrite();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            StdCopy.demux(raw.in(), out, err);
            assertEquals("got line1\nline2\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("err", err.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void hijacks_and_keeps_reading_after_the_server_half_closes(String kind) throws Exception {
        start(kind);
        try (RawStream raw = client.hijack("/exec/e/resize", Map.of("Detach", false))) {
            assertEquals("ready", new String(raw.in().readAllBytes(), StandardCharsets.UTF_8));
            raw.out().write("stdin after FIN".getBytes(StandardCharsets.UTF_8));
            raw.closeWrite();
            assertEquals("stdin after FIN", daemon.stdinAfterServerClosedWrite.get(5, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void reads_a_raw_stream_sent_without_upgrade_until_the_server_closes(String kind) throws Exception {
        start(kind);
        try (ClientResponse res = client.post("/exec/e/start", Map.of("Detach", false, "Tty", false))) {
            assertEquals(Optional.of("close"), res.header("Connection"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            StdCopy.demux(res.body(), out, err);
            assertEquals("out\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
        }
        assertEquals("1.47", client.get("/info").jsonTree().get("version").asText());
    }

    @Test
    void reports_errors_with_dockers_wording() throws Exception {
        start("tcp");
        EngineError missing = assertThrows(EngineError.class, () -> client.get("/containers/x/json"));
        assertEquals(404, missing.status());
        assertEquals("No such container: x", missing.getMessage());
        assertEquals("boom plain text", assertThrows(EngineError.class, () -> client.get("/plain")).getMessage());
        assertEquals("API returned a 409 (Conflict) but provided no error-message",
                assertThrows(EngineError.class, () -> client.get("/nomessage")).getMessage());
        String host = daemon.uri.getHost() + ":" + daemon.uri.getPort();
        assertEquals("request returned 503 Service Unavailable for API route and version http://" + host
                        + "/v1.47/empty503, check if the server supports the requested API version",
                assertThrows(EngineError.class, () -> client.get("/empty503")).getMessage());
        EngineError upgrade = assertThrows(EngineError.class, () -> client.hijack("/containers/x/json", null));
        assertEquals(404, upgrade.status());
    }

    @Test
    void treats_304_as_success_and_head_as_bodiless() throws Exception {
        start("unix");
        try (ClientResponse started = client.post("/containers/c/start", null)) {
            assertEquals(304, started.status());
            assertEquals(-1, started.body().read());
        }
        try (ClientResponse ping = client.head("/_ping")) {
            assertEquals(200, ping.status());
            assertEquals(Optional.of("1.47"), ping.header("Api-Version"));
        }
    }

    @Test
    void creates_the_unix_socket_with_its_mode_replacing_a_stale_one() throws Exception {
        start("unix");
        Path socket = Path.of(daemon.uri.getPath());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        daemon.server.close();
        try (HttpServer again = HttpServer.builder()
                .listener(Listener.unix(socket, "600", Optional.empty())).router(new Router()).build()) {
            Files.createFile(dir.resolve("placeholder"));
            again.start();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        }
        assertFalse(Files.exists(socket));
    }

    @Test
    void falls_back_to_get_ping_and_to_version_1_24() throws Exception {
        try (HttpServer old = HttpServer.builder()
                .listener(Listener.tcp(new InetSocketAddress("127.0.0.1", 0)))
                .router(new Router().route("GET", "/_ping", (req, res) -> res.text(200, "OK")))
                .build()) {
            old.start();
            int port = ((InetSocketAddress) old.addresses().getFirst()).getPort();
            try (EngineClient c = EngineClient.connect(URI.create("tcp://127.0.0.1:" + port), Optional.empty())) {
                assertEquals("1.24", c.negotiate());
                assertEquals("1.24", c.apiVersion());
            }
        }
    }

    @Test
    void caps_the_version_at_the_client_maximum() {
        assertEquals("1.50", ApiVersions.min("1.99", EngineClient.MAX_VERSION));
        assertEquals("1.9", ApiVersions.min("1.9", "1.41"));
        assertTrue(ApiVersions.compare("1.41", "1.50") < 0);
    }

    /** A long, deterministic byte sequence that is never held in memory whole. */
    static final class PatternStream extends InputStream {
        private long left;
        private long pos;

        PatternStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return (int) ((pos++ * 31) >>> 3) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (((pos++ * 31) >>> 3) & 0xff);
            }
            left -= n;
            return n;
        }
    }
}
