package dev.berth.registry.it;

import static dev.berth.registry.V2Client.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's skopeo against berth-registry: copy out and back in, inspect, list-tags, delete. */
@Tag("integration")
class SkopeoInteropTest {

    private static final String SKOPEO = "/usr/bin/skopeo";

    @TempDir
    Path dir;

    private String yaml() {
        return TestRegistry.INMEMORY.replace("inmemory: {}", "filesystem:\n    rootdirectory: " + dir.resolve("data"));
    }

    private static String listing(Path root) {
        try (var files = Files.walk(root)) {
            return files.map(Path::toString).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void skopeo_copies_both_ways_inspects_lists_tags_and_deletes() throws Exception {
        assertTrue(Files.isExecutable(Path.of(SKOPEO)), "skopeo is installed");
        try (TestRegistry r = TestRegistry.start(yaml())) {
            V2Client v2 = new V2Client(r.base());
            V2Client.Image img = v2.pushImage("skopeo/src", "v1", MediaTypes.DOCKER_MANIFEST, "skopeo");
            String host = "127.0.0.1:" + r.port();
            Path layout = dir.resolve("layout");

            Tools.run(SKOPEO, "copy", "--src-tls-verify=false", "docker://" + host + "/skopeo/src:v1",
                    "oci:" + layout + ":v1").check();
            assertTrue(Files.exists(layout.resolve("index.json")), () -> listing(layout));

            Tools.run(SKOPEO, "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1",
                    "docker://" + host + "/skopeo/copied:v2").check();

            String inspected = Tools.run(SKOPEO, "inspect", "--tls-verify=false",
                    "docker://" + host + "/skopeo/copied:v2").check().out();
            JsonNode info = OciJson.mapper().readTree(inspected);
            assertEquals("linux", info.path("Os").asText());
            assertEquals(1, info.path("Layers").size());
            // skopeo converts to OCI on the way out (and may recompress); what it pushed back must be served intact
            String layer = info.path("Layers").path(0).asText();
            byte[] served = check(v2.get("/v2/skopeo/copied/blobs/" + layer), 200).body();
            assertEquals(layer, dev.berth.oci.Digest.sha256(served).toString());

            Tools.run(SKOPEO, "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://" + host + "/skopeo/copied:v2", "docker://" + host + "/skopeo/copied:v3").check();
            JsonNode tags = OciJson.mapper().readTree(Tools.run(SKOPEO, "list-tags", "--tls-verify=false",
                    "docker://" + host + "/skopeo/copied").check().out());
            assertEquals("[\"v2\",\"v3\"]", tags.path("Tags").toString());

            String digest = info.path("Digest").asText();
            Tools.run(SKOPEO, "delete", "--tls-verify=false", "docker://" + host + "/skopeo/copied:v2").check();
            assertEquals(404, v2.get("/v2/skopeo/copied/manifests/" + digest).statusCode());
            assertNotEquals(0, Tools.run(SKOPEO, "inspect", "--tls-verify=false",
                    "docker://" + host + "/skopeo/copied:v3").exit(), "deleting by digest removes every tag of it");
        }
    }
}
