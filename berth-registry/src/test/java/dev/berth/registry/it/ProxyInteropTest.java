package dev.berth.registry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.MediaTypes;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth-registry as a pull-through cache of Debian's docker-registry (distribution 2.8); skopeo pulls through it. */
@Tag("integration")
class ProxyInteropTest {

    @TempDir
    Path dir;

    @Test
    void skopeo_pulls_through_the_cache_from_distribution_and_push_is_refused() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("remote.yml"), "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("remote") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process remote = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("remote.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("remote.log").toFile()).start();
        try (TestRegistry source = TestRegistry.inMemory()) {
            awaitPort(port);
            new V2Client(source.base()).pushImage("team/app", "v1", MediaTypes.DOCKER_MANIFEST, "via-proxy");
            String remoteRef = "docker://127.0.0.1:" + port + "/team/app:v1";
            Tools.run("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://127.0.0.1:" + source.port() + "/team/app:v1", remoteRef).check();
            try (TestRegistry cache = TestRegistry.start(TestRegistry.INMEMORY + "proxy:\n  remoteurl: http://127.0.0.1:"
                    + port + "\n  ttl: 1h\n")) {
                String cached = "docker://127.0.0.1:" + cache.port() + "/team/app:v1";
                Tools.run("skopeo", "copy", "--src-tls-verify=false", cached, "oci:" + dir.resolve("out") + ":v1")
                        .check();
                String remoteDigest = Tools.run("skopeo", "inspect", "--tls-verify=false", "--format",
                        "{{.Digest}}", remoteRef).check().out().strip();
                String cachedDigest = Tools.run("skopeo", "inspect", "--tls-verify=false", "--format",
                        "{{.Digest}}", cached).check().out().strip();
                assertEquals(remoteDigest, cachedDigest);
                Tools.Result push = Tools.run("skopeo", "copy", "--dest-tls-verify=false",
                        "oci:" + dir.resolve("out") + ":v1", "docker://127.0.0.1:" + cache.port() + "/team/other:v1");
                assertTrue(push.exit() != 0 && push.out().contains("unsupported"), push.out());
            }
        } finally {
            remote.destroy();
            remote.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("docker-registry did not start on " + port);
    }
}
