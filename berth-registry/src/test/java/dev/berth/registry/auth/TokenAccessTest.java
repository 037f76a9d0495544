package dev.berth.registry.auth;

import static dev.berth.registry.V2Client.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.TestRegistry;
import dev.berth.registry.TokenServer;
import dev.berth.registry.V2Client;
import dev.berth.registry.config.ConfigException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth.token against tokens from {@link TokenServer}: the challenge, and each reason a token is refused. */
class TokenAccessTest {

    @TempDir
    static Path dir;

    static TokenServer ec;
    static TokenServer rsa;
    static TestRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        ec = TokenServer.start(dir, "EC");
        rsa = TokenServer.start(dir, "RSA");
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(ec.certificate()) + Files.readString(rsa.certificate()));
        registry = TestRegistry.start(TestRegistry.INMEMORY + ec.authYaml().replace(ec.certificate().toString(),
                bundle.toString()));
    }

    @AfterAll
    static void stop() {
        registry.close();
        ec.close();
        rsa.close();
    }

    private static V2Client as(String token) throws Exception {
        return new V2Client(registry.base()).withHeader("Authorization", "Bearer " + token);
    }

    private static String challenge(HttpResponse<byte[]> r) {
        return r.headers().firstValue("WWW-Authenticate").orElse("");
    }

    @Test
    void challenges_with_realm_service_and_scope_when_no_token_is_sent() throws Exception {
        HttpResponse<byte[]> r = new V2Client(registry.base()).send("POST", "/v2/lib/app/blobs/uploads/", null);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"" + ec.realm() + "\",service=\"" + TokenServer.SERVICE
                + "\",scope=\"repository:lib/app:pull,push\"", challenge(r));
        assertEquals("UNAUTHORIZED", V2Client.errorCode(r));
        assertEquals("Bearer realm=\"" + ec.realm() + "\",service=\"" + TokenServer.SERVICE + "\"",
                challenge(new V2Client(registry.base()).get("/v2/")));
    }

    @Test
    void accepts_es256_and_rs256_tokens_by_x5c_or_libtrust_kid() throws Exception {
        Map<String, Object> claims = TokenServer.claims("alice", Map.of("tok/a", List.of("pull", "push")));
        for (TokenServer server : List.of(ec, rsa)) {
            for (boolean x5c : List.of(true, false)) {
                V2Client v2 = as(server.sign(claims, x5c));
                v2.pushImage("tok/a", "v1", "application/vnd.oci.image.manifest.v1+json", "x" + x5c);
                check(v2.get("/v2/tok/a/manifests/v1"), 200);
            }
        }
    }

    @Test
    void refuses_push_with_insufficient_scope_when_only_pull_was_granted() throws Exception {
        V2Client v2 = as(ec.sign(TokenServer.claims("bob", Map.of("tok/b", List.of("pull"))), true));
        check(v2.get("/v2/"), 200);
        HttpResponse<byte[]> r = v2.send("POST", "/v2/tok/b/blobs/uploads/", null);
        assertEquals(401, r.statusCode());
        assertTrue(challenge(r).endsWith(",scope=\"repository:tok/b:pull,push\",error=\"insufficient_scope\""),
                challenge(r));
        assertEquals(401, v2.get("/v2/tok/other/tags/list").statusCode(), "a grant covers only its repository");
    }

    @Test
    void refuses_expired_foreign_wrongly_addressed_and_forged_tokens() throws Exception {
        Map<String, Object> good = TokenServer.claims("alice", Map.of("tok/c", List.of("*")));
        long now = Instant.now().getEpochSecond();
        List<Map<String, Object>> bad = List.of(with(good, "exp", now - 120), with(good, "nbf", now + 600),
                with(good, "iss", "someone-else"), with(good, "aud", "other-registry"), without(good, "exp"));
        for (Map<String, Object> claims : bad) {
            HttpResponse<byte[]> r = as(ec.sign(claims, true)).get("/v2/tok/c/tags/list");
            assertEquals(401, r.statusCode(), claims.toString());
            assertTrue(challenge(r).endsWith("error=\"invalid_token\""), challenge(r));
        }
        String token = ec.sign(good, false);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(
                token.lastIndexOf('.') + 5);
        assertEquals(401, as(forged).get("/v2/tok/c/tags/list").statusCode());
        assertEquals(401, as("not.a.jwt").get("/v2/").statusCode());
        assertEquals(404, as(token).get("/v2/tok/c/tags/list").statusCode(), "the good token passes auth");
        check(as(ec.sign(with(good, "aud", List.of("x", TokenServer.SERVICE)), true)).get("/v2/"), 200);
    }

    @Test
    void refuses_tokens_signed_by_a_key_outside_the_bundle() throws Exception {
        try (TokenServer stranger = TokenServer.start(Files.createDirectories(dir.resolve("stranger")), "EC")) {
            Map<String, Object> claims = TokenServer.claims("alice", Map.of("tok/d", List.of("pull")));
            assertEquals(401, as(stranger.sign(claims, true)).get("/v2/tok/d/tags/list").statusCode());
            assertEquals(401, as(stranger.sign(claims, false)).get("/v2/tok/d/tags/list").statusCode());
        }
    }

    @Test
    void stops_the_start_when_the_root_cert_bundle_is_missing() {
        String yaml = TestRegistry.INMEMORY + ec.authYaml().replace(ec.certificate().toString(), "/nonexistent.pem");
        assertThrows(ConfigException.class, () -> TestRegistry.start(yaml).close());
    }

    private static Map<String, Object> with(Map<String, Object> claims, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String key) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
        copy.remove(key);
        return copy;
    }
}
