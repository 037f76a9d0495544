package dev.berth.registry;

import static dev.berth.registry.V2Client.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** log.accesslog lines, and http.draintimeout: requests in flight at shutdown get that long to finish. */
class AccessLogAndDrainTest {

    @Test
    void writes_one_access_line_per_request_with_status_of_failures_even_at_level_error() throws Exception {
        try (TestRegistry r = TestRegistry.inMemory()) {
            V2Client v2 = new V2Client(r.base());
            check(v2.get("/v2/", "User-Agent", "access-test/1"), 200);
            assertEquals(404, v2.get("/v2/al/app/blobs/" + Digest.sha256(new byte[] {9}) + "?x=1").statusCode());
            String log = r.logText();
            assertTrue(log.contains("msg=\"response completed\" http.request.method=GET http.request.uri=/v2/ "
                    + "http.request.route=/v2/ http.request.useragent=access-test/1"), log);
            assertTrue(log.lines().anyMatch(l -> l.contains("http.request.uri=\"/v2/al/app/blobs/sha256:")
                    && l.contains("?x=1") && l.contains("http.response.status=404 err.code=BLOB_UNKNOWN")), log);
            assertEquals(2, log.lines().filter(l -> l.contains("response completed")).count(), log);
        }
        try (TestRegistry quiet = TestRegistry.start(TestRegistry.INMEMORY.replace("  level: error\n",
                "  level: error\n  accesslog:\n    disabled: true\n"))) {
            check(new V2Client(quiet.base()).get("/v2/"), 200);
            assertFalse(quiet.logText().contains("response completed"), quiet.logText());
        }
    }

    @Test
    void lets_an_upload_in_flight_finish_within_the_drain_timeout() throws Exception {
        TestRegistry r = TestRegistry.start(TestRegistry.INMEMORY.replace("  addr: 127.0.0.1:0\n",
                "  addr: 127.0.0.1:0\n  draintimeout: 5s\n"));
        byte[] blob = "drained upload".repeat(1000).getBytes(StandardCharsets.UTF_8);
        int port = r.port();
        try (Socket s = startUpload(r, "drain/app", blob)) {
            OutputStream out = s.getOutputStream();
            out.write(blob, 0, blob.length / 2);
            out.flush();
            Thread.sleep(200);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(r::close);
            Thread.sleep(500);
            assertFalse(closing.isDone(), "close waits for the request in flight");
            assertTrue(refused(port), "no new connections while draining");
            out.write(blob, blob.length / 2, blob.length - blob.length / 2);
            out.flush();
            String status = statusLine(s.getInputStream());
            assertTrue(status.startsWith("HTTP/1.1 201"), status);
            closing.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aborts_a_request_still_running_after_the_drain_timeout() throws Exception {
        TestRegistry r = TestRegistry.start(TestRegistry.INMEMORY.replace("  addr: 127.0.0.1:0\n",
                "  addr: 127.0.0.1:0\n  draintimeout: 1s\n"));
        byte[] blob = new byte[100_000];
        try (Socket s = startUpload(r, "stuck/app", blob)) {
            s.getOutputStream().write(blob, 0, 10);
            s.getOutputStream().flush();
            Thread.sleep(200);
            long start = System.nanoTime();
            r.close();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 900 && ms < 4000, "close returned after the 1 s drain timeout: " + ms + " ms");
            s.setSoTimeout(5000);
            assertEquals(-1, drain(s.getInputStream()), "the stuck connection was closed without a 201");
        }
    }

    /** POSTs a session, then sends the PUT's head with the blob's length; the caller sends the body. */
    private static Socket startUpload(TestRegistry r, String repo, byte[] blob) throws IOException {
        var post = check(new V2Client(r.base()).send("POST", "/v2/" + repo + "/blobs/uploads/", null), 202);
        URI loc = URI.create(r.base()).resolve(post.headers().firstValue("Location").orElseThrow());
        String target = loc.getRawPath() + "?" + (loc.getRawQuery() == null ? "" : loc.getRawQuery() + "&")
                + "digest=" + Digest.sha256(blob);
        Socket s = new Socket("127.0.0.1", r.port());
        s.getOutputStream().write(("PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/octet-stream\r\nContent-Length: " + blob.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString().strip();
    }

    /** Reads to the end; -1 when nothing came back at all. */
    private static int drain(InputStream in) throws IOException {
        try {
            int first = in.read();
            in.readAllBytes();
            return first;
        } catch (java.net.SocketException e) {
            return -1;
        }
    }
}
