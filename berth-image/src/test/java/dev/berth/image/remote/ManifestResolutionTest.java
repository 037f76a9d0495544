package dev.berth.image.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.image.content.FileContentStore;
import dev.berth.image.layer.LayerStore;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.Digest;
import dev.berth.oci.Platform;
import dev.berth.oci.Reference;
import dev.berth.storage.Snapshotters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a pull picks (or refuses) a manifest, against an open registry on loopback serving fixed manifests. */
class ManifestResolutionTest {
    @TempDir
    Path root;
    private HttpServer server;
    private final Map<String, String[]> manifests = new HashMap<>();
    private ImagePuller puller;
    private String registry;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/v2/", this::serve);
        server.start();
        FileContentStore content = new FileContentStore(root.resolve("content"));
        LayerStore layers = new LayerStore(root.resolve("image"), content, Snapshotters.choose(root, Optional.of("vfs")));
        ImageStore images = new ImageStore(root.resolve("image"), content, layers);
        puller = new ImagePuller(layers, images, new BlobSources(root.resolve("sources")), root.resolve("downloads"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String[] m = manifests.get(path);
        byte[] body = m == null ? "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
                .getBytes(StandardCharsets.UTF_8) : m[1].getBytes(StandardCharsets.UTF_8);
        if (m != null) {
            ex.getResponseHeaders().add("Content-Type", m[0]);
        }
        ex.sendResponseHeaders(path.equals("/v2/") ? 200 : m == null ? 404 : 200, path.equals("/v2/") ? -1 : body.length);
        if (!path.equals("/v2/")) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private RegistryTransport transport() {
        return new RegistryTransport(RemoteOptions.defaults());
    }

    @Test
    void refuses_schema_1_with_dockers_deprecation_message() {
        manifests.put("/v2/old/manifests/v1", new String[] {"application/vnd.docker.distribution.manifest.v1+prettyjws",
                "{\"schemaVersion\":1,\"name\":\"old\",\"tag\":\"v1\",\"fsLayers\":[]}"});
        RegistryException e = assertThrows(RegistryException.class, () -> puller.pull(Reference.parse(registry + "/old:v1"),
                Optional.empty(), Credentials.ANONYMOUS, transport(), TransferProgress.NONE));
        assertTrue(e.getMessage().contains("schema 1 support has been removed"), e.getMessage());
    }

    @Test
    void refuses_an_index_without_the_wanted_platform() {
        String child = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}";
        manifests.put("/v2/multi/manifests/v1", new String[] {"application/vnd.oci.image.index.v1+json",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                        + Digest.sha256(child.getBytes(StandardCharsets.UTF_8)) + "\",\"size\":" + child.length()
                        + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"s390x\"}}]}"});
        RegistryException e = assertThrows(RegistryException.class, () -> puller.pull(Reference.parse(registry + "/multi:v1"),
                Optional.of(Platform.parse("linux/amd64")), Credentials.ANONYMOUS, transport(), TransferProgress.NONE));
        assertEquals("no matching manifest for linux/amd64 in the manifest list entries", e.getMessage());
    }

    @Test
    void an_unknown_tag_is_a_404_worded_as_dockerd() {
        RegistryException e = assertThrows(RegistryException.class, () -> puller.pull(Reference.parse(registry + "/none:v9"),
                Optional.empty(), Credentials.ANONYMOUS, transport(), TransferProgress.NONE));
        assertEquals(404, e.status());
        assertEquals("manifest for " + registry + "/none:v9 not found: manifest unknown: manifest unknown", e.getMessage());
    }
}
