package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.RegistryProcess;
import dev.berth.testkit.RegistryProcess.Kind;
import dev.berth.testkit.RegistryProcess.Setup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When berthd trusts a registry, as dockerd does: berth-registry over HTTPS with a test CA that
 * berthd reads from certs.d, and berth-registry over plain HTTP off loopback (in a network
 * namespace of the test's own) refused until {@code insecure-registries} lists it. Loopback is
 * insecure by default in dockerd, so the "unknown CA" and "plain HTTP" refusals need the namespace.
 */
@Tag("integration")
class RegistryTrustTest {
    @TempDir
    static Path tmp;
    private static TestNamespace net;
    private static TestCa ca;
    private static BerthdProcess berthd;
    private static DockerCli docker;

    @BeforeAll
    static void start() throws IOException {
        net = TestNamespace.create();
        ca = TestCa.create(tmp.resolve("ca"));
        berthd = BerthdProcess.start();
        docker = new DockerCli(berthd.host());
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (docker != null) {
                docker.close();
            }
            if (berthd != null) {
                berthd.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    private static Path certsD() {
        return berthd.configFile().resolveSibling("certs.d");
    }

    private static String load(String name, long seed) throws IOException {
        return TestImages.load(docker, tmp.resolve(seed + ".tar"), name, seed, 64);
    }

    private static void pushRemovePullRun(String name, String id) {
        docker.run("push", name).check();
        docker.run("rmi", name).check();
        assertTrue(docker.run("pull", name).check().stdout().contains("Downloaded newer image for " + name));
        assertEquals(id, docker.imageId(name));
        assertEquals("layer1\n", docker.run("run", "--rm", name, "ls", "/data").check().stdout());
    }

    @Test
    void https_off_loopback_needs_the_ca_in_certs_d() throws IOException {
        TestCa.Server cert = ca.serverFor(List.of(net.nsIp()));
        try (RegistryProcess registry = RegistryProcess.start(
                Setup.inNamespace(Kind.BERTH_REGISTRY, net.name(), net.nsIp(), 5443).withTls(cert.certificate(), cert.key()))) {
            String name = registry.address() + "/tls/app:v1";
            String id = load(name, 200);
            String refused = "Get \"https://" + registry.address() + "/v2/\": x509: certificate signed by unknown authority";

            DockerCli.Result push = docker.run("push", name);
            assertEquals(1, push.exitCode(), push.describe());
            assertTrue(push.stderr().contains(refused), push.stderr());

            Path dir = Files.createDirectories(certsD().resolve(registry.address()));
            Files.copy(ca.certificate(), dir.resolve("ca.crt"));
            pushRemovePullRun(name, id);

            // certs.d is read at every pull, as dockerd reads it: without the CA the same registry is refused again.
            Files.delete(dir.resolve("ca.crt"));
            docker.run("rmi", name).check();
            DockerCli.Result pull = docker.run("pull", name);
            assertEquals(1, pull.exitCode(), pull.describe());
            assertEquals("Error response from daemon: " + refused + "\n", pull.stderr());
        }
    }

    @Test
    void https_on_loopback_works_with_the_ca_and_like_dockerd_without_it() throws IOException {
        TestCa.Server cert = ca.serverFor(List.of("127.0.0.1"));
        try (RegistryProcess registry = RegistryProcess.start(
                Setup.onLoopback(Kind.BERTH_REGISTRY).withTls(cert.certificate(), cert.key()))) {
            String name = registry.address() + "/tls-lo/app:v1";
            String id = load(name, 210);
            Path dir = Files.createDirectories(certsD().resolve(registry.address()));
            Files.copy(ca.certificate(), dir.resolve("ca.crt"));
            pushRemovePullRun(name, id);

            // dockerd counts 127.0.0.0/8 as insecure: HTTPS without verification, so no CA is needed there.
            Files.delete(dir.resolve("ca.crt"));
            pushRemovePullRun(name, id);
            assertTrue(Files.readString(registry.log()).contains("/v2/tls-lo/app/manifests/v1"),
                    "the registry, which speaks only TLS, served the pulls");
        }
    }

    @Test
    void plain_http_off_loopback_is_refused_until_listed_as_insecure() throws IOException {
        try (RegistryProcess registry = RegistryProcess.start(
                Setup.inNamespace(Kind.BERTH_REGISTRY, net.name(), net.nsIp(), 5000))) {
            String name = registry.address() + "/far/app:v1";
            String id = load(name, 220);
            String refused = "Get \"https://" + registry.address() + "/v2/\": http: server gave HTTP response to HTTPS client";

            DockerCli.Result push = docker.run("push", name);
            assertEquals(1, push.exitCode(), push.describe());
            assertTrue(push.stderr().contains(refused), push.stderr());

            berthd.reload("{\"insecure-registries\": [\"" + net.cidr() + "\"]}\n");
            pushRemovePullRun(name, id);

            // A reload changes only the keys the file sets, as in dockerd: {} would keep the list.
            berthd.reload("{\"insecure-registries\": []}\n");
            docker.run("rmi", name).check();
            DockerCli.Result pull = docker.run("pull", name);
            assertEquals(1, pull.exitCode(), pull.describe());
            assertEquals("Error response from daemon: " + refused + "\n", pull.stderr());

            // By name and port this time, read at start rather than on SIGHUP.
            Files.writeString(berthd.configFile(), "{\"insecure-registries\": [\"" + registry.address() + "\"]}\n");
            berthd.restart();
            assertTrue(docker.run("pull", name).check().stdout().contains("Downloaded newer image for " + name));
        } finally {
            berthd.reload("{\"insecure-registries\": []}\n");
        }
    }
}
