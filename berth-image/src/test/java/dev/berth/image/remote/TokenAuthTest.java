package dev.berth.image.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.oci.Digest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token dance against a small registry on loopback that speaks the distribution token
 * protocol: 401 with a challenge, a token endpoint that takes basic credentials and scopes, and
 * resources that only accept a token for their own scope.
 */
class TokenAuthTest {
    private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    private HttpServer server;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private String registry;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::v2);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        String basic = new Credentials(java.util.Optional.of("alice"), java.util.Optional.of("s3cret")).basicHeader();
        if (!basic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{}".getBytes());
            return;
        }
        String query = ex.getRequestURI().getQuery();
        String scope = query.contains("scope=") ? query.substring(query.indexOf("scope=") + 6) : "";
        tokensIssued.incrementAndGet();
        send(ex, 200, ("{\"token\":\"T-" + scope + "\",\"expires_in\":300}").getBytes());
    }

    private void v2(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String needed = path.equals("/v2/") ? "T-" : "T-repository:app:pull";
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Bearer " + needed)) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + registry + "/token\",service=\"test\"");
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
            return;
        }
        if (path.equals("/v2/app/manifests/latest")) {
            ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
            ex.getResponseHeaders().add("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
            send(ex, 200, MANIFEST);
            return;
        }
        send(ex, 200, "{}".getBytes());
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private RegistryClient connect(Credentials c) throws IOException {
        return new RegistryTransport(RemoteOptions.defaults()).connect(registry, c, false);
    }

    @Test
    void fetches_one_token_per_scope_and_reuses_it() throws IOException {
        RemoteRepository repo = new RemoteRepository(connect(Credentials.of("alice", "s3cret")), "app", false);
        for (int i = 0; i < 3; i++) {
            RemoteRepository.Manifest m = repo.manifest("latest");
            assertArrayEquals(MANIFEST, m.bytes());
            assertEquals(Digest.sha256(MANIFEST), m.digest());
        }
        assertEquals(1, tokensIssued.get());
    }

    @Test
    void falls_back_to_plain_http_on_loopback() throws IOException {
        assertEquals("http", connect(Credentials.ANONYMOUS).base().getScheme());
    }

    @Test
    void refuses_wrong_credentials_at_the_token_endpoint() throws IOException {
        RemoteRepository repo = new RemoteRepository(connect(Credentials.of("alice", "wrong")), "app", false);
        RegistryException e = assertThrows(RegistryException.class, () -> repo.manifest("latest"));
        assertEquals(401, e.status());
    }

    @Test
    void login_succeeds_only_with_the_right_password() throws IOException {
        connect(Credentials.of("alice", "s3cret")).login();
        RegistryException e = assertThrows(RegistryException.class, () -> connect(Credentials.of("alice", "nope")).login());
        assertTrue(e.getMessage().contains("failed with status: 401 Unauthorized"), e.getMessage());
    }
}
