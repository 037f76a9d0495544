package dev.berth.registry.api;

import static dev.berth.registry.V2Client.check;
import static dev.berth.registry.V2Client.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.MediaTypes;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

class AccessAndDebugTest {

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void htpasswd_challenges_anonymous_and_wrong_credentials_and_admits_the_right_ones() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "bob:" + BCrypt.hashpw("pw", BCrypt.gensalt(4)).replace("$2a$", "$2y$") + "\n");
        try (TestRegistry r = TestRegistry.start(TestRegistry.INMEMORY + "auth:\n  htpasswd:\n    realm: test-realm\n"
                + "    path: " + htpasswd + "\n")) {
            V2Client anonymous = new V2Client(r.base());
            HttpResponse<byte[]> challenge = anonymous.get("/v2/");
            assertEquals(401, challenge.statusCode());
            assertEquals("Basic realm=\"test-realm\"", challenge.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals("UNAUTHORIZED", errorCode(challenge));
            assertEquals(401, anonymous.withHeader("Authorization", basic("bob", "nope")).get("/v2/").statusCode());
            V2Client bob = anonymous.withHeader("Authorization", basic("bob", "pw"));
            check(bob.get("/v2/"), 200);
            bob.pushImage("auth/app", "v1", MediaTypes.OCI_MANIFEST, "auth");
            assertEquals(401, anonymous.get("/v2/auth/app/manifests/v1").statusCode());
        }
    }

    @Test
    void silly_auth_sends_a_bearer_challenge_with_the_scope() throws Exception {
        try (TestRegistry r = TestRegistry.start(TestRegistry.INMEMORY
                + "auth:\n  silly:\n    realm: https://auth.example/token\n    service: reg\n")) {
            HttpResponse<byte[]> c = new V2Client(r.base()).get("/v2/a/b/tags/list");
            assertEquals(401, c.statusCode());
            assertEquals("Bearer realm=\"https://auth.example/token\",service=\"reg\",scope=\"repository:a/b:pull\"",
                    c.headers().firstValue("WWW-Authenticate").orElseThrow());
            check(new V2Client(r.base()).withHeader("Authorization", "Bearer anything").get("/v2/"), 200);
        }
    }

    @Test
    void read_only_mode_refuses_writes_and_serves_reads() throws Exception {
        try (TestRegistry r = TestRegistry.start(TestRegistry.INMEMORY.replace("uploadpurging:",
                "readonly:\n      enabled: true\n    uploadpurging:"))) {
            V2Client v2 = new V2Client(r.base());
            HttpResponse<byte[]> refused = v2.send("POST", "/v2/ro/app/blobs/uploads/", null);
            assertEquals(405, refused.statusCode());
            assertEquals("UNSUPPORTED", errorCode(refused));
            check(v2.get("/v2/"), 200);
        }
    }

    @Test
    void debug_listener_serves_health_metrics_and_online_gc_and_headers_are_configurable() throws Exception {
        Path drain = dir.resolve("drain");
        String yaml = TestRegistry.INMEMORY.replace("  addr: 127.0.0.1:0\n", "  addr: 127.0.0.1:0\n"
                + "  headers:\n    X-Content-Type-Options: [nosniff]\n"
                + "  debug:\n    addr: 127.0.0.1:0\n    prometheus:\n      enabled: true\n")
                + "health:\n  storagedriver:\n    enabled: true\n    interval: 100ms\n  file:\n    - file: " + drain
                + "\n      interval: 100ms\n";
        try (TestRegistry r = TestRegistry.start(yaml)) {
            V2Client v2 = new V2Client(r.base());
            assertEquals("nosniff", check(v2.get("/v2/"), 200).headers().firstValue("X-Content-Type-Options")
                    .orElseThrow());
            V2Client debug = new V2Client(r.debugBase());
            check(debug.get("/debug/health"), 200);
            Files.writeString(drain, "x");
            Thread.sleep(400);
            HttpResponse<byte[]> sick = debug.get("/debug/health");
            assertEquals(503, sick.statusCode());
            assertTrue(new String(sick.body(), StandardCharsets.UTF_8).contains("file exists"));
            assertEquals(503, v2.get("/debug/health").statusCode(), "also on the API listener");
            v2.pushBlob("dbg/app", "garbage".getBytes(StandardCharsets.UTF_8));
            String metrics = new String(check(debug.get("/metrics"), 200).body(), StandardCharsets.UTF_8);
            assertTrue(metrics.contains("registry_http_requests_total{method=\"POST\",route=\"/v2/{name:.+}/blobs/uploads/\"} 1"),
                    metrics);
            HttpResponse<byte[]> gc = check(debug.send("POST", "/debug/gc?grace=0s", null), 200);
            assertEquals(1, V2Client.json(gc).path("blobsDeleted").size());
        }
    }
}
