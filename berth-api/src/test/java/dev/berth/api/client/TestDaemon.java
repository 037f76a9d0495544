package dev.berth.api.client;

import dev.berth.http.ApiException;
import dev.berth.http.HttpServer;
import dev.berth.http.Listener;
import dev.berth.http.RawStream;
import dev.berth.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A small daemon on a real listener whose routes exercise each part of the HTTP edge a Docker client uses. */
final class TestDaemon implements AutoCloseable {

    final CountDownLatch releaseEvents = new CountDownLatch(1);
    final CompletableFuture<String> stdinAfterServerClosedWrite = new CompletableFuture<>();
    final HttpServer server;
    final URI uri;

    TestDaemon(Listener listener) throws IOException {
        Router router = new Router().withVersionPrefix()
                .route("HEAD", "/_ping", (req, res) -> res.empty(200))
                .route("GET", "/_ping", (req, res) -> res.text(200, "OK"))
                .route("GET", "/info", (req, res) -> res.json(200, Map.of(
                        "version", req.apiVersion().orElse("none"),
                        "connection", Thread.currentThread().threadId())))
                .route("PUT", "/containers/{id}/archive", (req, res) -> res.json(200, digest(req.body())))
                .route("POST", "/containers/{id}/start", (req, res) -> res.empty(304))
                .route("GET", "/containers/{id}/json", (req, res) -> {
                    throw ApiException.notFound("No such container: %s", req.pathParam("id"));
                })
                .route("GET", "/plain", (req, res) -> res.text(500, "boom plain text"))
                .route("GET", "/empty503", (req, res) -> res.empty(503))
                .route("GET", "/nomessage", (req, res) -> res.json(409, Map.of("other", 1)))
                .route("GET", "/events", (req, res) -> {
                    OutputStream out = res.stream(200, "application/json");
                    releaseEvents.await(10, TimeUnit.SECONDS);
                    out.write("{\"status\":\"create\"}\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    out.write("{\"status\":\"start\"}{\"status\":\"die\"}".getBytes(StandardCharsets.UTF_8));
                })
                .route("POST", "/containers/{id}/attach", (req, res) -> {
                    if (!req.isUpgrade()) {
                        throw ApiException.invalidParameter("upgrade required");
                    }
                    try (RawStream raw = res.upgrade(Map.of("Content-Type", "application/vnd.docker.raw-stream"))) {
                        byte[] stdin = raw.in().readAllBytes();
                        raw.out().write(frame(1, "got " + new String(stdin, StandardCharsets.UTF_8)));
                        raw.out().write(frame(2, "err"));
                    }
                })
                .route("POST", "/exec/{id}/resize", (req, res) -> {
                    try (RawStream raw = res.upgrade(Map.of())) {
                        raw.out().write("ready".getBytes(StandardCharsets.UTF_8));
                        raw.closeWrite();
                        stdinAfterServerClosedWrite.complete(
                                new String(raw.in().readAllBytes(), StandardCharsets.UTF_8));
                    }
                })
                .route("POST", "/exec/{id}/start", (req, res) -> {
                    try (RawStream raw = res.rawStream(200, "application/vnd.docker.multiplexed-stream")) {
                        raw.out().write(frame(1, "out\n"));
                        raw.out().write(frame(2, "err\n"));
                    }
                });
        server = HttpServer.builder()
                .listener(listener)
                .router(router)
                .commonHeaders(() -> Map.of("Api-Version", "1.47", "Ostype", "linux"))
                .build();
        server.start();
        uri = switch (listener) {
            case Listener.Unix unix -> URI.create("unix://" + unix.path());
            default -> {
                InetSocketAddress bound = (InetSocketAddress) server.addresses().getFirst();
                yield URI.create("tcp://127.0.0.1:" + bound.getPort());
            }
        };
    }

    static TestDaemon unix(Path dir) throws IOException {
        return new TestDaemon(Listener.unix(dir.resolve("berth.sock"), "660", Optional.of("nonexistent-group")));
    }

    static TestDaemon tcp() throws IOException {
        return new TestDaemon(Listener.tcp(new InetSocketAddress("127.0.0.1", 0)));
    }

    static byte[] frame(int type, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[8 + data.length];
        frame[0] = (byte) type;
        frame[4] = (byte) (data.length >>> 24);
        frame[5] = (byte) (data.length >>> 16);
        frame[6] = (byte) (data.length >>> 8);
        frame[7] = (byte) data.length;
        System.arraycopy(data, 0, frame, 8, data.length);
        return frame;
    }

    static Map<String, Object> digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            sha.update(buf, 0, n);
            total += n;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("size", total);
        result.put("sha256", HexFormat.of().formatHex(sha.digest()));
        return result;
    }

    @Override
    public void close() {
        server.close();
    }
}
