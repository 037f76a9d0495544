package dev.berth.registry.proxy;

import static dev.berth.registry.V2Client.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.registry.Registry;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.TokenServer;
import dev.berth.registry.V2Client;
import dev.berth.registry.config.RegistryConfig;
import dev.berth.registry.storage.InMemoryDriver;
import dev.berth.registry.store.ManifestReference;
import dev.berth.registry.store.RepositoryName;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proxy: a berth-registry caching another one (behind token auth, so the cache logs in with its credentials). */
class PullThroughTest {

    @TempDir
    Path dir;

    private static String cacheYaml(String remote) {
        return TestRegistry.INMEMORY + "proxy:\n  remoteurl: " + remote + "\n  username: alice\n  password: secret\n";
    }

    @Test
    void fetches_manifests_and_blobs_on_a_miss_and_serves_them_after_the_remote_is_gone() throws Exception {
        V2Client.Image img;
        String layerPath;
        TestRegistry cache;
        try (TokenServer tokens = TokenServer.start(dir, "EC");
             TestRegistry remote = TestRegistry.start(TestRegistry.INMEMORY + tokens.authYaml())) {
            String token = tokens.sign(TokenServer.claims("alice", java.util.Map.of("lib/app",
                    java.util.List.of("pull", "push"))), true);
            img = new V2Client(remote.base()).withHeader("Authorization", "Bearer " + token)
                    .pushImage("lib/app", "v1", MediaTypes.DOCKER_MANIFEST, "proxied");
            cache = TestRegistry.start(cacheYaml(remote.base()));
            V2Client v2 = new V2Client(cache.base());
            HttpResponse<byte[]> m = check(v2.get("/v2/lib/app/manifests/v1"), 200);
            assertArrayEquals(img.manifestBytes(), m.body());
            assertEquals(img.manifest().toString(), m.headers().firstValue("Docker-Content-Digest").orElseThrow());
            layerPath = "/v2/lib/app/blobs/" + img.layer();
            assertEquals("layer-proxied", new String(check(v2.get(layerPath), 200).body(), StandardCharsets.UTF_8));
            check(v2.get("/v2/lib/app/blobs/" + img.config()), 200);
            assertEquals(404, v2.get("/v2/lib/app/manifests/missing").statusCode());
            assertEquals(404, v2.get("/v2/lib/app/blobs/" + Digest.sha256(new byte[] {1})).statusCode());
        }
        try (cache) {
            V2Client v2 = new V2Client(cache.base());
            assertArrayEquals(img.manifestBytes(), check(v2.get("/v2/lib/app/manifests/v1"), 200).body(),
                    "the cached tag is served while the remote is unreachable");
            check(v2.get("/v2/lib/app/manifests/" + img.manifest()), 200);
            check(v2.get("/v2/lib/app/blobs/" + img.config()), 200);
            assertEquals("layer-proxied", new String(check(v2.get(layerPath), 200).body(), StandardCharsets.UTF_8));
            HttpResponse<byte[]> unfetched = v2.get("/v2/lib/app/blobs/" + Digest.sha256(new byte[] {2}));
            assertEquals(503, unfetched.statusCode());
            assertEquals("UNAVAILABLE", V2Client.errorCode(unfetched));
        }
    }

    @Test
    void follows_a_tag_that_moved_on_the_remote() throws Exception {
        try (TestRegistry remote = TestRegistry.inMemory(); TestRegistry cache = TestRegistry.start(
                cacheYaml(remote.base()))) {
            V2Client up = new V2Client(remote.base());
            V2Client.Image first = up.pushImage("moving/app", "latest", MediaTypes.OCI_MANIFEST, "one");
            V2Client v2 = new V2Client(cache.base());
            assertArrayEquals(first.manifestBytes(), check(v2.get("/v2/moving/app/manifests/latest"), 200).body());
            V2Client.Image second = up.pushImage("moving/app", "latest", MediaTypes.OCI_MANIFEST, "two");
            assertArrayEquals(second.manifestBytes(), check(v2.get("/v2/moving/app/manifests/latest"), 200).body());
        }
    }

    @Test
    void refuses_pushes_and_deletes_with_unsupported() throws Exception {
        try (TestRegistry remote = TestRegistry.inMemory(); TestRegistry cache = TestRegistry.start(
                cacheYaml(remote.base()))) {
            V2Client.Image img = new V2Client(remote.base()).pushImage("ro/app", "v1", MediaTypes.OCI_MANIFEST, "ro");
            V2Client v2 = new V2Client(cache.base());
            check(v2.get("/v2/ro/app/manifests/v1"), 200);
            for (HttpResponse<byte[]> r : java.util.List.of(
                    v2.send("POST", "/v2/ro/app/blobs/uploads/", null),
                    v2.send("PUT", "/v2/ro/app/manifests/v2", img.manifestBytes(), "Content-Type",
                            MediaTypes.OCI_MANIFEST),
                    v2.send("DELETE", "/v2/ro/app/manifests/" + img.manifest(), null))) {
                assertEquals(405, r.statusCode(), r.request().method() + " " + r.uri());
                assertEquals("UNSUPPORTED", V2Client.errorCode(r));
            }
        }
    }

    @Test
    void unlinks_content_not_pulled_within_the_ttl() throws Exception {
        try (TestRegistry remote = TestRegistry.inMemory()) {
            V2Client.Image img = new V2Client(remote.base()).pushImage("ttl/app", "v1", MediaTypes.OCI_MANIFEST, "t");
            Registry local = Registry.on(new InMemoryDriver(), false);
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            PullThrough cache = new PullThrough(new RemoteRegistry(new RegistryConfig.Proxy(URI.create(remote.base()),
                    Optional.empty(), Optional.empty(), Duration.ofHours(1))), local, Duration.ofHours(1), clock);
            RepositoryName repo = RepositoryName.parse("ttl/app");
            assertTrue(cache.manifest(repo, new ManifestReference.Tag("v1")).isPresent());
            assertTrue(cache.blob(repo, img.layer()).isPresent());
            clock.now = clock.now.plus(Duration.ofMinutes(59));
            assertEquals(0, cache.expire());
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            assertEquals(2, cache.expire());
            assertTrue(local.blobs().sizeIn(repo, img.layer()).isEmpty());
            assertTrue(local.manifests().get(repo, new ManifestReference.ByDigest(img.manifest())).isEmpty());
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
