package dev.berth.registry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.MediaTypes;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.tls with a certificate from a test CA; skopeo trusts it through {@code --dest-cert-dir}. */
@Tag("integration")
class TlsInteropTest {

    @TempDir
    Path dir;

    /** A test CA (ca.crt/ca.key) and a server certificate for 127.0.0.1 signed by it, in {@link #dir}. */
    private void issueServerCertificate() throws Exception {
        Tools.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
                "-keyout", dir.resolve("ca.key").toString(), "-out", dir.resolve("ca.crt").toString()).check();
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        Tools.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.csr").toString()).check();
        Tools.run("openssl", "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA",
                dir.resolve("ca.crt").toString(), "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial",
                "-days", "2", "-extfile", dir.resolve("ext.cnf").toString(),
                "-out", dir.resolve("server.crt").toString()).check();
    }

    @Test
    void skopeo_pushes_over_tls_trusting_the_test_ca() throws Exception {
        issueServerCertificate();
        Path certs = Files.createDirectories(dir.resolve("certs.d"));
        Files.copy(dir.resolve("ca.crt"), certs.resolve("ca.crt"));
        String yaml = TestRegistry.INMEMORY.replace("  addr: 127.0.0.1:0\n", "  addr: 127.0.0.1:0\n  tls:\n"
                + "    certificate: " + dir.resolve("server.crt") + "\n    key: " + dir.resolve("server.key") + "\n");
        try (TestRegistry tls = TestRegistry.start(yaml); TestRegistry plain = TestRegistry.inMemory()) {
            new V2Client(plain.base()).pushImage("tls/src", "v1", MediaTypes.DOCKER_MANIFEST, "tls");
            String host = "127.0.0.1:" + tls.port();
            Tools.run("skopeo", "copy", "--src-tls-verify=false", "--dest-cert-dir", certs.toString(),
                    "docker://127.0.0.1:" + plain.port() + "/tls/src:v1", "docker://" + host + "/tls/dst:v1").check();
            String tags = Tools.run("skopeo", "list-tags", "--cert-dir", certs.toString(),
                    "docker://" + host + "/tls/dst").check().out();
            assertTrue(tags.contains("\"v1\""), tags);
            Path empty = Files.createDirectories(dir.resolve("empty-certs"));
            assertTrue(Tools.run("skopeo", "list-tags", "--cert-dir", empty.toString(),
                    "docker://" + host + "/tls/dst").exit() != 0, "an untrusted certificate is refused");
        }
    }

    @Test
    void requires_a_client_certificate_from_clientcas_and_skopeo_presents_one() throws Exception {
        issueServerCertificate();
        Tools.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=skopeo-client",
                "-keyout", dir.resolve("client.key").toString(), "-out", dir.resolve("client.csr").toString()).check();
        Tools.run("openssl", "x509", "-req", "-in", dir.resolve("client.csr").toString(), "-CA",
                dir.resolve("ca.crt").toString(), "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial",
                "-days", "2", "-out", dir.resolve("client.crt").toString()).check();
        Path withCert = Files.createDirectories(dir.resolve("client-certs.d"));
        Files.copy(dir.resolve("ca.crt"), withCert.resolve("ca.crt"));
        Files.copy(dir.resolve("client.crt"), withCert.resolve("client.cert"));
        Files.copy(dir.resolve("client.key"), withCert.resolve("client.key"));
        Path caOnly = Files.createDirectories(dir.resolve("ca-only.d"));
        Files.copy(dir.resolve("ca.crt"), caOnly.resolve("ca.crt"));
        String yaml = TestRegistry.INMEMORY.replace("  addr: 127.0.0.1:0\n", "  addr: 127.0.0.1:0\n  tls:\n"
                + "    certificate: " + dir.resolve("server.crt") + "\n    key: " + dir.resolve("server.key") + "\n"
                + "    clientcas:\n      - " + dir.resolve("ca.crt") + "\n");
        try (TestRegistry mtls = TestRegistry.start(yaml); TestRegistry plain = TestRegistry.inMemory()) {
            new V2Client(plain.base()).pushImage("mtls/src", "v1", MediaTypes.OCI_MANIFEST, "mtls");
            String dst = "docker://127.0.0.1:" + mtls.port() + "/mtls/dst:v1";
            Tools.run("skopeo", "copy", "--src-tls-verify=false", "--dest-cert-dir", withCert.toString(),
                    "docker://127.0.0.1:" + plain.port() + "/mtls/src:v1", dst).check();
            Tools.run("skopeo", "copy", "--src-cert-dir", withCert.toString(), dst,
                    "oci:" + dir.resolve("out") + ":v1").check();
            assertTrue(Files.exists(dir.resolve("out").resolve("index.json")));
            Tools.Result refused = Tools.run("skopeo", "inspect", "--cert-dir", caOnly.toString(), dst);
            assertTrue(refused.exit() != 0, "without a client certificate the handshake fails: " + refused.out());
        }
    }
}
