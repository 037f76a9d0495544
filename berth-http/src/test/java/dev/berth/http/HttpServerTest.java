package dev.berth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over loopback TCP, spoken to with hand-written bytes so that every byte on the wire is checked. */
class HttpServerTest {

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("blob");
        Files.writeString(file, "0123456789abcdef");
        Router router = new Router().withVersionPrefix()
                .route("GET", "/json", (req, res) -> res.json(200, Map.of("html", "<&>")))
                .route("HEAD", "/json", (req, res) -> res.json(200, Map.of("html", "<&>")))
                .route("POST", "/start", (req, res) -> res.empty(304))
                .route("DELETE", "/gone", (req, res) -> res.empty(204))
                .route("POST", "/resize", (req, res) -> res.empty(200))
                .route("GET", "/missing", (req, res) -> {
                    throw ApiException.notFound("No such container: %s", "x");
                })
                .route("GET", "/boom", (req, res) -> {
                    throw new IllegalStateException("boom");
                })
                .route("POST", "/echo", (req, res) -> res.text(200, new String(req.body().readAllBytes(),
                        StandardCharsets.UTF_8)))
                .route("POST", "/sha256", (req, res) -> res.text(200, sha256Of(req.bodyChannel())))
                .route("POST", "/ignore", (req, res) -> res.empty(201))
                .route("GET", "/events", (req, res) -> {
                    OutputStream out = res.stream(200, "application/json");
                    release.await(5, TimeUnit.SECONDS);
                    out.write("{\"x\":1}\n".getBytes(StandardCharsets.UTF_8));
                })
                .route("GET", "/midstream", (req, res) -> {
                    OutputStream out = res.stream(200, null);
                    out.write('a');
                    out.flush();
                    throw new IOException("disk gone");
                })
                .route("GET", "/blob", (req, res) -> {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                        res.file(200, "application/octet-stream", ch, 2, 5, Map.of("Docker-Content-Digest", "d"));
                    }
                });
        server = HttpServer.builder()
                .listener(Listener.tcp(new InetSocketAddress("127.0.0.1", 0)))
                .router(router)
                .commonHeaders(() -> Map.of("Api-Version", "1.47", "Server", "berth-test"))
                .idleTimeout(Duration.ofMillis(500))
                .build();
        server.start();
        port = ((InetSocketAddress) server.addresses().getFirst()).getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket s, String raw) throws IOException {
        s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads one response whose end is known (Content-Length or no body); returns head and body. */
    private static String response(InputStream in, boolean head) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in head: " + sb);
            }
            sb.append((char) b);
        }
        String text = sb.toString();
        int idx = text.toLowerCase().indexOf("content-length: ");
        if (idx >= 0 && !head) {
            int len = Integer.parseInt(text.substring(idx + 16, text.indexOf("\r\n", idx)));
            sb.append(new String(in.readNBytes(len), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    /** Reads the channel to its end through a 1 MiB direct buffer, as the registry reads uploads. */
    private static String sha256Of(ReadableByteChannel body) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        while (body.read(buf) >= 0) {
            buf.flip();
            md.update(buf);
            buf.clear();
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void answers_json_with_go_escaping_and_common_headers_on_a_kept_alive_connection() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /v1.47/json HTTP/1.1\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n\r\n");
            for (int i = 0; i < 2; i++) {
                String r = response(s.getInputStream(), false);
                assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
                assertTrue(r.contains("Api-Version: 1.47\r\n") && r.contains("Server: berth-test\r\n"), r);
                assertTrue(r.contains("Content-Type: application/json\r\n"), r);
                assertTrue(r.contains("Date: "), r);
                assertTrue(r.endsWith("Content-Length: 30\r\n\r\n{\"html\":\"\\u003c\\u0026\\u003e\"}\n"), r);
            }
        }
    }

    @Test
    void sends_no_body_for_head_304_and_204_but_a_zero_length_for_empty_200() throws IOException {
        try (Socket s = connect()) {
            send(s, "HEAD /json HTTP/1.1\r\n\r\nPOST /start HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
                    + "DELETE /gone HTTP/1.1\r\n\r\nPOST /resize HTTP/1.1\r\n\r\nGET /json HTTP/1.1\r\n"
                    + "Connection: close\r\n\r\n");
            String all = readAll(s.getInputStream());
            String[] parts = all.split("(?=HTTP/1.1 )");
            assertEquals(5, parts.length, all);
            assertTrue(parts[0].startsWith("HTTP/1.1 200") && parts[0].contains("Content-Length: 30")
                    && parts[0].endsWith("\r\n\r\n"), parts[0]);
            assertTrue(parts[1].startsWith("HTTP/1.1 304 Not Modified") && !parts[1].contains("Content-Length")
                    && parts[1].endsWith("\r\n\r\n"), parts[1]);
            assertTrue(parts[2].startsWith("HTTP/1.1 204 No Content") && !parts[2].contains("Content-Length")
                    && !parts[2].contains("Content-Type"), parts[2]);
            assertTrue(parts[3].startsWith("HTTP/1.1 200") && parts[3].contains("Content-Length: 0\r\n")
                    && !parts[3].contains("Content-Type"), parts[3]);
            assertTrue(parts[4].contains("Connection: close\r\n"), parts[4]);
        }
    }

    @Test
    void renders_errors_as_docker_json() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /missing HTTP/1.1\r\n\r\nGET /boom HTTP/1.1\r\n\r\nGET /v1.41/nope HTTP/1.1\r\n\r\n");
            String missing = response(s.getInputStream(), false);
            assertTrue(missing.startsWith("HTTP/1.1 404 ") && missing.endsWith(
                    "\r\n\r\n{\"message\":\"No such container: x\"}\n"), missing);
            String boom = response(s.getInputStream(), false);
            assertTrue(boom.startsWith("HTTP/1.1 500 ") && boom.endsWith("{\"message\":\"boom\"}\n"), boom);
            String nope = response(s.getInputStream(), false);
            assertTrue(nope.startsWith("HTTP/1.1 404 ") && nope.endsWith("{\"message\":\"page not found\"}\n"), nope);
        }
    }

    @Test
    void drains_an_unread_chunked_body_before_the_next_request() throws IOException {
        try (Socket s = connect()) {
            send(s, "POST /ignore HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
            assertTrue(response(s.getInputStream(), false).startsWith("HTTP/1.1 201 "));
            assertTrue(response(s.getInputStream(), false).endsWith("\r\n\r\nhello"));
        }
    }

    @Test
    void body_channel_reads_fixed_length_and_chunked_bodies_into_a_direct_buffer() throws Exception {
        byte[] data = new byte[3_000_000];
        new Random(7).nextBytes(data);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            send(s, "POST /sha256 HTTP/1.1\r\nContent-Length: " + data.length + "\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n",
                    new String(s.getInputStream().readNBytes(25), StandardCharsets.ISO_8859_1));
            out.write(data);
            assertTrue(response(s.getInputStream(), false).endsWith("\r\n\r\n" + expected));
            send(s, "POST /sha256 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int pos = 0, step = 1; pos < data.length; pos += step, step = step * 3 + 1) {
                int n = Math.min(step, data.length - pos);
                send(s, Integer.toHexString(n) + "\r\n");
                out.write(data, pos, n);
                send(s, "\r\n");
            }
            send(s, "0\r\n\r\nPOST /echo HTTP/1.1\r\nContent-Length: 4\r\n\r\nnext");
            assertTrue(response(s.getInputStream(), false).endsWith("\r\n\r\n" + expected));
            assertTrue(response(s.getInputStream(), false).endsWith("\r\n\r\nnext"));
        }
    }

    @Test
    void answers_expect_100_continue_when_the_handler_reads() throws IOException {
        try (Socket s = connect()) {
            send(s, "POST /echo HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
            String cont = new String(s.getInputStream().readNBytes(25), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", cont);
            send(s, "ok");
            assertTrue(response(s.getInputStream(), false).endsWith("\r\n\r\nok"));
        }
    }

    @Test
    void flushes_stream_headers_before_any_body() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /events HTTP/1.1\r\n\r\n");
            String head = response(s.getInputStream(), true);
            assertTrue(head.contains("Transfer-Encoding: chunked\r\n"), head);
            release.countDown();
            send(s, "");
            byte[] chunk = s.getInputStream().readNBytes("8\r\n{\"x\":1}\n\r\n0\r\n\r\n".length());
            assertEquals("8\r\n{\"x\":1}\n\r\n0\r\n\r\n", new String(chunk, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void closes_the_connection_when_a_handler_fails_mid_stream() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /midstream HTTP/1.1\r\n\r\n");
            String all = readAll(s.getInputStream());
            assertTrue(all.startsWith("HTTP/1.1 200 ") && all.endsWith("1\r\na\r\n"), all);
        }
    }

    @Test
    void sends_a_file_region_with_its_length() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /blob HTTP/1.1\r\n\r\n");
            String r = response(s.getInputStream(), false);
            assertTrue(r.contains("Docker-Content-Digest: d\r\n") && r.endsWith("\r\n\r\n23456"), r);
        }
    }

    @Test
    void rejects_a_malformed_request_with_400_and_closes() throws IOException {
        try (Socket s = connect()) {
            send(s, "GARBAGE\r\n\r\n");
            assertTrue(readAll(s.getInputStream()).startsWith("HTTP/1.1 400 Bad Request\r\n"));
        }
    }

    @Test
    void rejects_an_oversized_header_section_with_431() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /json HTTP/1.1\r\nX-A: " + "a".repeat(70_000) + "\r\n\r\n");
            assertTrue(readAll(s.getInputStream()).startsWith("HTTP/1.1 431 "));
        }
    }

    @Test
    void closes_a_connection_that_stays_idle_past_the_timeout() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /json HTTP/1.1\r\nHost");
            long start = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        }
    }

    @Test
    void close_stops_accepting_and_closes_idle_connections() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /json HTTP/1.1\r\n\r\n");
            response(s.getInputStream(), false);
            server.close();
            assertEquals(-1, s.getInputStream().read());
        }
        boolean refused;
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            refused = false;
        } catch (IOException e) {
            refused = true;
        }
        assertTrue(refused);
    }
}
