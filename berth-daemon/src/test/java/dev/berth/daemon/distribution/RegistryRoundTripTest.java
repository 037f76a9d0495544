package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.linux.Command;
import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DeterministicTar;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.RegistryProcess;
import dev.berth.testkit.RegistryProcess.Kind;
import dev.berth.testkit.RegistryProcess.Setup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stock docker CLI through berthd against both registries — berth-registry and Debian's
 * docker-registry 2.8, each a child process on loopback: push, rmi, pull back and run; {@code run}
 * pulling a missing image, {@code --pull always} and {@code --pull never}; a hand-made image with
 * zstd layers; and, on berth-registry, a tampered blob, an htpasswd login and a Docker Hub mirror.
 */
@Tag("integration")
class RegistryRoundTripTest {
    @TempDir
    static Path tmp;
    private static BerthdProcess berthd;
    private static DockerCli docker;
    private static final Map<Kind, RegistryProcess> registries = new EnumMap<>(Kind.class);

    @BeforeAll
    static void start() throws IOException {
        for (Kind k : Kind.values()) {
            registries.put(k, RegistryProcess.start(Setup.onLoopback(k)));
        }
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
        registries.values().forEach(RegistryProcess::close);
    }

    private static String load(String name, long seed, int... layerKb) throws IOException {
        return TestImages.load(docker, tmp.resolve(seed + ".tar"), name, seed, layerKb);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void push_remove_pull_back_and_run(Kind kind) throws IOException {
        String name = registries.get(kind).address() + "/roundtrip/app:v1";
        String id = load(name, 100 + kind.ordinal(), 200, 100);
        String push = docker.run("push", name).check().stdout();
        assertTrue(push.matches("(?s).*v1: digest: sha256:[0-9a-f]{64} size: \\d+.*"), push);
        docker.run("rmi", name).check();
        assertFalse(docker.run("image", "inspect", name).succeeded());

        String pull = docker.run("pull", name).check().stdout();
        assertTrue(pull.contains("Status: Downloaded newer image for " + name), pull);
        assertEquals(id, docker.imageId(name));

        DockerCli.Result run = docker.run("run", "--rm", "--name", "roundtrip-" + kind.ordinal(), name,
                "sh", "-c", "echo ran; ls /data");
        assertEquals("ran\nlayer1\nlayer2\n", run.check().stdout(), run.describe());
        assertFalse(docker.run("container", "inspect", "roundtrip-" + kind.ordinal()).succeeded(), "--rm removed it");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void run_pulls_a_missing_image_and_pull_always_fetches_a_moved_tag(Kind kind) throws IOException {
        String name = registries.get(kind).address() + "/runpull/app:v1";
        String first = load(name, 110 + kind.ordinal(), 64);
        docker.run("push", name).check();
        docker.run("rmi", name).check();

        DockerCli.Result missing = docker.run("run", "--rm", name, "ls", "/data");
        assertEquals("layer1\n", missing.check().stdout(), missing.describe());
        assertTrue(missing.stderr().contains("Unable to find image '" + name + "' locally"), missing.stderr());
        assertTrue(missing.stderr().contains("Status: Downloaded newer image for " + name), missing.stderr());
        assertEquals(first, docker.imageId(name));

        // The registry's v1 moves to a two-layer image while the local v1 stays the first one.
        String second = load(name, 120 + kind.ordinal(), 64, 64);
        docker.run("push", name).check();
        docker.run("tag", first, name).check();
        assertEquals(first, docker.imageId(name));

        DockerCli.Result always = docker.run("run", "--rm", "--pull", "always", name, "ls", "/data");
        assertEquals("layer1\nlayer2\n", always.check().stdout(), always.describe());
        assertTrue(always.stderr().contains("Status: Downloaded newer image for " + name), always.stderr());
        assertEquals(second, docker.imageId(name));
    }

    @Test
    void create_with_pull_never_does_not_pull_a_missing_image() throws IOException {
        String name = registries.get(Kind.BERTH_REGISTRY).address() + "/never/app:v1";
        load(name, 130, 16);
        docker.run("push", name).check();
        docker.run("rmi", name).check();

        DockerCli.Result r = docker.run("create", "--pull", "never", name);
        assertNotEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("Error response from daemon: No such image: " + name), r.stderr());
        assertFalse(docker.run("image", "inspect", name).succeeded());

        DockerCli.Result run = docker.run("run", "--rm", "--pull", "never", name, "true");
        assertEquals(125, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("Error response from daemon: No such image: " + name), run.stderr());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_image_with_zstd_layers_is_pulled_and_runs(Kind kind) throws IOException {
        RegistryProcess registry = registries.get(kind);
        RawPusher push = new RawPusher(registry.baseUrl(), "zstd/app");
        Path rootfs = tmp.resolve("zstd-rootfs-" + kind + ".tar");
        BusyboxRootfs.writeTar(rootfs);
        byte[] base = Files.readAllBytes(rootfs);
        ByteArrayOutputStream marker = new ByteArrayOutputStream();
        new DeterministicTar().directory("etc", 0755)
                .file("etc/zstd-marker", 0644, ("zstd from " + kind + "\n").getBytes(StandardCharsets.UTF_8))
                .writeTo(marker);
        // The marker first, so that no other image shares the chain and both layers are downloaded.
        List<byte[]> tars = List.of(marker.toByteArray(), base);

        List<Map<String, Object>> layers = new java.util.ArrayList<>();
        for (byte[] tar : tars) {
            byte[] zst = Command.of("zstd", "-q", "-c").stdin(tar).run().check().stdoutBytes();
            assertEquals(0xFD2FB528, (zst[0] & 0xff) | (zst[1] & 0xff) << 8 | (zst[2] & 0xff) << 16 | (zst[3] & 0xff) << 24);
            layers.add(descriptor(MediaTypes.OCI_LAYER_ZSTD, push.blob(zst), zst.length));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", List.of("sh")));
        config.put("rootfs", Map.of("type", "layers",
                "diff_ids", tars.stream().map(t -> Digest.sha256(t).toString()).toList()));
        byte[] configBytes = OciJson.bytes(config);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("config", descriptor("application/vnd.oci.image.config.v1+json", push.blob(configBytes),
                configBytes.length));
        manifest.put("layers", layers);
        Digest manifestDigest = push.manifest("v1", MediaTypes.OCI_MANIFEST, OciJson.bytes(manifest));

        String name = registry.address() + "/zstd/app:v1";
        String pull = docker.run("pull", name).check().stdout();
        assertEquals(2, pull.lines().filter(l -> l.endsWith(": Pull complete")).count(), pull);
        assertFalse(pull.contains("Already exists"), pull);
        assertTrue(pull.contains("Digest: " + manifestDigest), pull);
        assertEquals("sha256:" + Digest.sha256(configBytes).encoded(), docker.imageId(name));

        DockerCli.Result run = docker.run("run", "--rm", name, "cat", "/etc/zstd-marker");
        assertEquals("zstd from " + kind + "\n", run.check().stdout(), run.describe());
    }

    private static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }

    /** The docker-registry case is {@code DistributionTest#a_tampered_blob_is_rejected_and_leaves_nothing_in_the_store}. */
    @Test
    void a_tampered_blob_from_berth_registry_is_rejected_and_leaves_nothing() throws IOException {
        RegistryProcess registry = registries.get(Kind.BERTH_REGISTRY);
        String name = registry.address() + "/tamper/app:v1";
        load(name, 140, 256);
        String push = docker.run("push", name).check().stdout();
        docker.run("rmi", name).check();
        Digest manifest = Digest.parse(push.replaceAll("(?s).*digest: (sha256:[0-9a-f]{64}).*", "$1"));
        JsonNode layers = OciJson.mapper().readTree(Files.readAllBytes(registry.blobData(manifest.toString()))).path("layers");
        String top = layers.get(layers.size() - 1).path("digest").asText();
        Path data = registry.blobData(top);
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(data, bytes);
        List<Path> blobsBefore = files(berthd.dataRoot().resolve("content"));
        List<Path> layersBefore = files(berthd.dataRoot().resolve("image/layerdb"));
        String imagesBefore = docker.run("images", "-a", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}").check().stdout();

        DockerCli.Result r = docker.run("pull", name);
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("filesystem layer verification failed for digest " + top), r.stderr());
        assertEquals(blobsBefore, files(berthd.dataRoot().resolve("content")));
        assertEquals(layersBefore, files(berthd.dataRoot().resolve("image/layerdb")));
        assertEquals(List.of(), files(berthd.dataRoot().resolve("image/downloads")));
        assertEquals(imagesBefore, docker.run("images", "-a", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}")
                .check().stdout());
        assertFalse(docker.run("image", "inspect", name).succeeded());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The docker-registry case is {@code RegistryAccessTest}. */
    @Test
    void login_with_htpasswd_to_berth_registry_lets_push_and_pull_through() throws Exception {
        Path htpasswd = tmp.resolve("htpasswd");
        Command.of("htpasswd", "-Bbc", htpasswd.toString(), "alice", "s3cret").run().check();
        assertTrue(Files.readString(htpasswd).startsWith("alice:$2y$"), "bcrypt, as -B writes it");
        try (RegistryProcess registry = RegistryProcess.start(Setup.onLoopback(Kind.BERTH_REGISTRY).withHtpasswd(htpasswd));
             DockerCli cli = new DockerCli(berthd.host())) {
            String name = registry.address() + "/private/app:v1";
            String id = load(name, 150, 64);

            DockerCli.Result anonymous = cli.run("push", name);
            assertEquals(1, anonymous.exitCode(), anonymous.describe());
            assertEquals("no basic auth credentials\n", anonymous.stderr(), anonymous.describe());

            DockerCli.Result wrong = cli.run("login", "-u", "alice", "-p", "wrong", registry.address());
            assertEquals(1, wrong.exitCode(), wrong.describe());
            assertTrue(wrong.stderr().contains("login attempt to http://" + registry.address()
                    + "/v2/ failed with status: 401 Unauthorized"), wrong.stderr());

            DockerCli.Result ok = cli.runWithStdin("s3cret\n".getBytes(StandardCharsets.UTF_8),
                    "login", "-u", "alice", "--password-stdin", registry.address());
            assertTrue(ok.check().stdout().contains("Login Succeeded"), ok.describe());
            cli.run("push", name).check();
            cli.run("rmi", name).check();
            assertTrue(cli.run("pull", name).check().stdout().contains("Downloaded newer image for " + name));
            assertEquals(id, docker.imageId(name));

            cli.run("logout", registry.address()).check();
            cli.run("rmi", name).check();
            DockerCli.Result loggedOut = cli.run("pull", name);
            assertEquals(1, loggedOut.exitCode(), loggedOut.describe());
            // dockerd says Head: it asks for the manifest with HEAD first; berthd's first request is a GET.
            assertTrue(loggedOut.stderr().matches("(?s)Error response from daemon: (Head|Get) \"http://" + registry.address()
                    + "/v2/private/app/manifests/v1\": no basic auth credentials\n"), loggedOut.stderr());
        }
    }

    @Test
    void a_registry_mirror_serves_library_busybox() throws IOException {
        RegistryProcess mirror = registries.get(Kind.BERTH_REGISTRY);
        String onMirror = mirror.address() + "/library/busybox:latest";
        BusyboxRootfs.importAs(docker, tmp, onMirror);
        String id = docker.imageId(onMirror);
        docker.run("push", onMirror).check();
        docker.run("rmi", onMirror).check();
        assertFalse(docker.run("image", "inspect", "busybox:latest").succeeded());

        berthd.reload("{\"registry-mirrors\": [\"http://" + mirror.address() + "\"]}\n");
        try {
            String pull = docker.run("pull", "library/busybox").check().stdout();
            assertTrue(pull.contains("latest: Pulling from library/busybox"), pull);
            assertTrue(pull.contains("Status: Downloaded newer image for busybox:latest"), pull);
            assertTrue(pull.contains("docker.io/library/busybox:latest"), pull);
            assertEquals(id, docker.imageId("busybox"));
            String digests = docker.run("image", "inspect", "-f", "{{json .RepoDigests}}", "busybox").check().stdout();
            assertTrue(digests.contains("\"busybox@sha256:"), digests);
            assertEquals("from the mirror\n", docker.run("run", "--rm", "busybox", "echo", "from the mirror").check().stdout());
        } finally {
            berthd.reload("{\"registry-mirrors\": []}\n");
        }
    }
}
