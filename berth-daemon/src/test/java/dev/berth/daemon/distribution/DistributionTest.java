package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineClient;
import dev.berth.api.client.JsonMessages;
import dev.berth.oci.Digest;
import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.RegistryProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull and push through a real berthd, driven by the stock docker CLI, against Debian's
 * docker-registry 2.8 on loopback.
 */
@Tag("integration")
class DistributionTest {
    @TempDir
    static Path tmp;
    private static BerthdProcess berthd;
    private static DockerCli docker;
    private static RegistryProcess registry;

    @BeforeAll
    static void start() throws IOException {
        registry = RegistryProcess.start(RegistryProcess.Setup.onLoopback(RegistryProcess.Kind.DOCKER_REGISTRY));
        berthd = BerthdProcess.start();
        docker = new DockerCli(berthd.host());
    }

    @AfterAll
    static void stop() {
        if (docker != null) {
            docker.close();
        }
        if (berthd != null) {
            berthd.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static String load(String name, long seed, int... layerKb) throws IOException {
        return TestImages.load(docker, tmp.resolve(seed + ".tar"), name, seed, layerKb);
    }

    @Test
    void push_remove_and_pull_back_gives_the_same_image() throws IOException {
        String name = registry.address() + "/dist/roundtrip:v1";
        String id = load(name, 1, 300, 200);
        String push = docker.run("push", name).check().stdout();
        assertTrue(push.contains("The push refers to repository [" + registry.address() + "/dist/roundtrip]"), push);
        assertTrue(push.matches("(?s).*v1: digest: sha256:[0-9a-f]{64} size: \\d+.*"), push);
        // The two data layers are new; the busybox base may already be there from another test's push.
        long pushed = push.lines().filter(l -> l.endsWith(": Pushed")).count();
        assertTrue(pushed == 2 || pushed == 3, push);
        assertEquals(3, push.lines().filter(l -> l.endsWith(": Pushed") || l.contains(": Mounted from ")
                || l.endsWith(": Layer already exists")).count(), push);

        docker.run("rmi", name).check();
        String pull = docker.run("pull", name).check().stdout();
        assertTrue(pull.contains("v1: Pulling from dist/roundtrip"), pull);
        assertEquals(2, pull.lines().filter(l -> l.endsWith(": Pull complete")).count(), pull);
        assertEquals(3, pull.lines().filter(l -> l.endsWith(": Pull complete") || l.endsWith(": Already exists")).count(), pull);
        assertTrue(pull.contains("Status: Downloaded newer image for " + name), pull);
        assertEquals(id, docker.imageId(name));
        String digests = docker.run("image", "inspect", "-f", "{{json .RepoDigests}}", name).check().stdout();
        assertTrue(digests.contains(registry.address() + "/dist/roundtrip@sha256:"), digests);

        String again = docker.run("pull", name).check().stdout();
        assertTrue(again.contains("Status: Image is up to date for " + name), again);
    }

    @Test
    void second_push_skips_layers_and_another_repository_mounts_them() throws IOException {
        String name = registry.address() + "/dist/mount-a:v1";
        load(name, 2, 100);
        docker.run("push", name).check();
        String again = docker.run("push", name).check().stdout();
        assertEquals(2, again.lines().filter(l -> l.endsWith(": Layer already exists")).count(), again);

        String other = registry.address() + "/dist/mount-b:v1";
        docker.run("tag", name, other).check();
        String mounted = docker.run("push", other).check().stdout();
        assertEquals(2, mounted.lines().filter(l -> l.endsWith(": Mounted from dist/mount-a")).count(), mounted);
    }

    @Test
    void pulling_an_image_whose_layers_are_present_downloads_nothing() throws IOException {
        String name = registry.address() + "/dist/present:v1";
        String id = load(name, 3, 150, 150);
        docker.run("push", name).check();
        docker.run("rmi", name).check();
        load(registry.address() + "/dist/present-copy:v1", 3, 150, 150);
        String pull = docker.run("pull", name).check().stdout();
        assertEquals(3, pull.lines().filter(l -> l.endsWith(": Already exists")).count(), pull);
        assertFalse(pull.contains("Download complete"), pull);
        assertEquals(id, docker.imageId(name));
    }

    @Test
    void unknown_tag_is_a_404_with_dockers_message() {
        DockerCli.Result r = docker.run("pull", registry.address() + "/dist/nothing:v9");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("manifest for " + registry.address() + "/dist/nothing:v9 not found: manifest unknown"),
                r.stderr());
    }

    @Test
    void pushing_a_missing_image_fails_in_the_stream() {
        DockerCli.Result r = docker.run("push", registry.address() + "/dist/absent:v1");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("An image does not exist locally with the tag: " + registry.address() + "/dist/absent"),
                r.stderr());
    }

    @Test
    void a_tampered_blob_is_rejected_and_leaves_nothing_in_the_store() throws IOException {
        String name = registry.address() + "/dist/tamper:v1";
        load(name, 4, 64);
        String push = docker.run("push", name).check().stdout();
        docker.run("rmi", name).check();
        Digest manifest = Digest.parse(push.replaceAll("(?s).*digest: (sha256:[0-9a-f]{64}).*", "$1"));
        Digest top = topLayerBlob(manifest);
        Path data = registry.blobData(top.toString());
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(data, bytes);
        List<Path> blobsBefore = files(berthd.dataRoot().resolve("content"));
        List<Path> layersBefore = files(berthd.dataRoot().resolve("image/layerdb"));

        DockerCli.Result r = docker.run("pull", name);
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("filesystem layer verification failed for digest " + top), r.stderr());
        assertEquals(blobsBefore, files(berthd.dataRoot().resolve("content")));
        assertEquals(layersBefore, files(berthd.dataRoot().resolve("image/layerdb")));
        assertFalse(docker.run("image", "inspect", name).succeeded());
    }

    private static Digest topLayerBlob(Digest manifest) throws IOException {
        Path revision = registry.blobData(manifest.toString());
        JsonNode m = dev.berth.oci.OciJson.mapper().readTree(Files.readAllBytes(revision));
        JsonNode layers = m.path("layers");
        return Digest.parse(layers.get(layers.size() - 1).path("digest").asText());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void a_pull_killed_half_way_completes_when_repeated() throws Exception {
        String name = registry.address() + "/dist/interrupted:v1";
        String id = load(name, 5, 20_000, 20_000, 20_000);
        docker.run("push", name).check();
        docker.run("rmi", name).check();
        try (EngineClient client = EngineClient.connect(URI.create(berthd.host()), Optional.empty())) {
            client.negotiate();
            ClientResponse r = client.request("POST", "/images/create?fromImage=" + registry.address()
                    + "/dist/interrupted&tag=v1", Map.of("X-Registry-Auth", "e30="), null);
            InputStream body = r.body();
            for (JsonNode m : JsonMessages.read(body)) {
                if (m.path("status").asText().equals("Pull complete") || m.path("status").asText().equals("Download complete")) {
                    break;
                }
            }
            berthd.kill();
        }
        berthd.restart();
        String pull = docker.run("pull", name).check().stdout();
        assertTrue(pull.contains("Status: Downloaded newer image for " + name), pull);
        assertEquals(id, docker.imageId(name));
    }

    @Test
    void login_to_a_registry_without_auth_succeeds() {
        // An open registry asks for no credentials, so dockerd accepts any login to it, and so does berthd.
        DockerCli.Result r = docker.run("login", "-u", "nobody", "-p", "x", registry.address());
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.stdout().contains("Login Succeeded"), r.stdout());
    }
}
