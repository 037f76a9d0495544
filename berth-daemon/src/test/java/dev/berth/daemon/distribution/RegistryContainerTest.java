package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.linux.Command;
import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.TestBridge;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth-registry as a container on berthd, as docs/registry.md tells: the image built by
 * {@code build-image.sh}, imported with the documented {@code --change}s and run with
 * {@code run -d -p PORT:5000 --restart=always --name registry -v CONFIG:… --mount source=registry,…}
 * on a daemon with a default bridge. The same daemon pushes to it over the published loopback port,
 * pulls back and runs; the blobs are in the named volume; {@code docker restart} and a SIGKILL of the
 * registry's process from the host both bring it back serving the same content.
 */
@Tag("integration")
class RegistryContainerTest {
    private static final String IMAGE = "berth-registry:latest";
    private static final String ENTRYPOINT =
            "ENTRYPOINT [\"/opt/berth-registry/bin/berth-registry\",\"serve\",\"/etc/berth/registry/config.yml\"]";
    /** A header only the bind-mounted config adds, to see that it, not the image's own, is in use. */
    private static final String CONFIG_HEADER = "X-Berth-Config";
    private static final Duration UP_WITHIN = Duration.ofSeconds(90);
    private static final Pattern PUSHED = Pattern.compile("1: digest: (sha256:[0-9a-f]{64}) size: \\d+");

    @TempDir
    Path tmp;
    private BerthdProcess berthd;
    private DockerCli docker;
    private int port;

    @Test
    void runs_as_documented_keeps_pushed_images_in_its_volume_and_comes_back_after_restart_and_kill() throws Exception {
        Path image = RegistryImageBuilder.build(tmp.resolve("image"));
        Path config = writeConfig();
        try (TestBridge bridge = TestBridge.create(); BerthdProcess daemon = BerthdProcess.start(bridge.daemonArgs());
             DockerCli cli = new DockerCli(daemon.host())) {
            berthd = daemon;
            docker = cli;
            docker.run("import", "-c", ENTRYPOINT, "-c", "EXPOSE 5000", "-c", "VOLUME /var/lib/registry",
                    image.toString(), IMAGE).check();
            BusyboxRootfs.importAs(docker, tmp, "busybox:latest");
            port = hostPort();
            try {
                docker.run("run", "-d", "-p", port + ":5000", "--restart=always", "--name", "registry",
                        "-v", config + ":/etc/berth/registry/config.yml",
                        "--mount", "source=registry,target=/var/lib/registry", IMAGE).check();
                awaitRegistry();
                String name = "127.0.0.1:" + port + "/test/busybox:1";
                String id = docker.imageId("busybox:latest");
                Digest manifest = pushRemovePullAndRun(name, id);
                assertStoredInVolume(manifest);

                docker.run("restart", "registry").check();
                awaitRegistry();
                assertEquals("0", inspect("{{.RestartCount}}"),
                        () -> "a restart by hand is no policy restart" + diagnostics());
                docker.run("rmi", name).check();
                pullBack(name, id);

                killFromHostAndAwaitPolicyRestart();
                assertManifestServed(manifest);

                docker.run("rm", "-f", "registry").check();
                docker.run("volume", "rm", "registry").check();
                docker.run("rmi", name, IMAGE).check();
            } finally {
                docker.run("rm", "-f", "registry");
                docker.run("volume", "rm", "-f", "registry");
            }
        }
    }

    /** The image's default config with one extra response header. */
    private Path writeConfig() throws IOException {
        return Files.writeString(tmp.resolve("config.yml"), """
                version: 0.1
                log:
                  fields:
                    service: registry
                storage:
                  cache:
                    blobdescriptor: inmemory
                  filesystem:
                    rootdirectory: /var/lib/registry
                http:
                  addr: :5000
                  headers:
                    X-Content-Type-Options: [nosniff]
                    %s: [bind-mounted]
                health:
                  storagedriver:
                    enabled: true
                    interval: 10s
                    threshold: 3
                """.formatted(CONFIG_HEADER));
    }

    /** 5000 as documented, unless something on this host has it. */
    private static int hostPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(5000));
            return 5000;
        } catch (BindException taken) {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }

    private Digest pushRemovePullAndRun(String name, String id) throws IOException {
        docker.run("tag", "busybox:latest", name).check();
        String push = docker.run("push", name).check().stdout();
        Matcher pushed = PUSHED.matcher(push);
        assertTrue(pushed.find(), push);
        docker.run("rmi", name, "busybox:latest").check();
        assertFalse(docker.run("image", "inspect", id).succeeded(), "the image is gone from berthd");
        pullBack(name, id);
        DockerCli.Result run = docker.run("run", "--rm", name, "sh", "-c", "echo pulled and ran");
        assertEquals("pulled and ran\n", run.check().stdout(), run.describe());
        return Digest.parse(pushed.group(1));
    }

    private void pullBack(String name, String id) throws IOException {
        String pull = docker.run("pull", name).check().stdout();
        assertTrue(pull.contains("Status: Downloaded newer image for " + name), pull + diagnostics());
        assertEquals(id, docker.imageId(name));
    }

    private void assertStoredInVolume(Digest manifest) throws IOException {
        Path root = Path.of(docker.run("volume", "inspect", "-f", "{{.Mountpoint}}", "registry").check()
                .stdout().strip());
        Path v2 = root.resolve("docker/registry/v2");
        assertTrue(Files.isDirectory(v2.resolve("repositories/test/busybox/_manifests/tags/1")), "tag 1 under " + v2);
        JsonNode layers = OciJson.mapper().readTree(Files.readAllBytes(blobData(v2, manifest))).path("layers");
        assertFalse(layers.isEmpty(), "manifest " + manifest + " has layers");
        for (JsonNode layer : layers) {
            Path data = blobData(v2, Digest.parse(layer.path("digest").asText()));
            assertEquals(layer.path("size").asLong(), Files.size(data), data.toString());
        }
    }

    private static Path blobData(Path v2, Digest digest) {
        String hex = digest.encoded();
        return v2.resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    /** Docker restarts no container killed through the API, so the registry's process is killed from the host. */
    private void killFromHostAndAwaitPolicyRestart() throws IOException, InterruptedException {
        String pid = inspect("{{.State.Pid}}");
        Command.of("kill", "-9", pid).run().check();
        long deadline = System.nanoTime() + UP_WITHIN.toNanos();
        String state = inspect("{{.RestartCount}} {{.State.Running}}");
        while (!state.matches("[1-9]\\d* true")) {
            if (System.nanoTime() > deadline) {
                fail("not restarted after kill -9 " + pid + ": " + state + diagnostics());
            }
            Thread.sleep(200);
            state = inspect("{{.RestartCount}} {{.State.Running}}");
        }
        assertNotEquals(pid, inspect("{{.State.Pid}}"));
        awaitRegistry();
    }

    private void assertManifestServed(Digest manifest) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/v2/test/busybox/manifests/1",
                String.join(",", MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(manifest.toString(), r.headers().firstValue("Docker-Content-Digest").orElse(""));
    }

    /** Waits until {@code GET /v2/} through the published port answers as a registry with the bind-mounted config. */
    private void awaitRegistry() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + UP_WITHIN.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get("/v2/", "application/json");
                if (r.statusCode() == 200) {
                    assertEquals("registry/2.0", r.headers().firstValue("Docker-Distribution-API-Version").orElse(""));
                    assertEquals("bind-mounted", r.headers().firstValue(CONFIG_HEADER).orElse(""));
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        fail("no registry on 127.0.0.1:" + port + " within " + UP_WITHIN + ", last: " + last + diagnostics());
    }

    /** A fresh client each time: after a restart, pooled connections lead to the old process. */
    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", accept).timeout(Duration.ofSeconds(10)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private String inspect(String format) {
        return docker.run("inspect", "-f", format, "registry").check().stdout().strip();
    }

    private String diagnostics() {
        DockerCli.Result logs = docker.run("logs", "--tail", "40", "registry");
        return "\n--- registry state ---\n" + docker.run("inspect", "-f", "{{json .State}}", "registry").stdout()
                + "\n--- registry log ---\n" + logs.stdout() + logs.stderr()
                + "\n--- events ---\n" + docker.run("events", "--since", "0", "--until", "0s",
                        "--filter", "container=registry").stdout()
                + "\n--- berthd log ---\n" + berthd.logTail();
    }
}
