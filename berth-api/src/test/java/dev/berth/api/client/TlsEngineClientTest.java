package dev.berth.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Listener;
import dev.berth.http.RawStream;
import dev.berth.http.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS with a CA and certificates made by openssl (an RSA PKCS#1 server key, an EC SEC1 client key). */
@Tag("integration")
class TlsEngineClientTest {

    @TempDir
    Path dir;

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

    private void makeCertificates() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca-key.pem");
        openssl("req", "-x509", "-new", "-key", "ca-key.pem", "-subj", "/CN=berth-test-ca", "-days", "2",
                "-out", "ca.pem");
        openssl("genrsa", "-traditional", "-out", "server-key.pem", "2048");
        openssl("req", "-new", "-key", "server-key.pem", "-subj", "/CN=localhost", "-out", "server.csr");
        Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-extfile", "server.ext", "-out", "server-cert.pem");
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "key.pem");
        openssl("req", "-new", "-key", "key.pem", "-subj", "/CN=client", "-out", "client.csr");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-extfile", "client.ext", "-out", "cert.pem");
    }

    @Test
    void talks_mutual_tls_including_a_half_closed_hijack() throws Exception {
        makeCertificates();
        var context = TlsContexts.server(dir.resolve("ca.pem"), dir.resolve("server-cert.pem"),
                dir.resolve("server-key.pem"), true);
        try (TestDaemon daemon = new TestDaemon(
                Listener.tls(new InetSocketAddress("127.0.0.1", 0), context, true));
             EngineClient client = EngineClient.connect(daemon.uri, Optional.of(TlsFiles.inDirectory(dir)))) {
            assertEquals("1.47", client.negotiate());
            JsonNode first = client.get("/info").jsonTree();
            assertEquals(first.get("connection"), client.get("/info").jsonTree().get("connection"));
            try (RawStream raw = client.hijack("/containers/c/attach?stdin=1", null)) {
                raw.out().write("over tls".getBytes(StandardCharsets.UTF_8));
                raw.closeWrite();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                StdCopy.demux(raw.in(), out, new ByteArrayOutputStream());
                assertEquals("got over tls", out.toString(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void refuses_a_client_without_a_certificate_when_one_is_required() throws Exception {
        makeCertificates();
        var context = TlsContexts.server(dir.resolve("ca.pem"), dir.resolve("server-cert.pem"),
                dir.resolve("server-key.pem"), true);
        try (TestDaemon daemon = new TestDaemon(
                Listener.tls(new InetSocketAddress("127.0.0.1", 0), context, true));
             EngineClient client = EngineClient.connect(daemon.uri,
                     Optional.of(new TlsFiles(dir.resolve("ca.pem"), null, null)))) {
            assertThrows(IOException.class, client::negotiate);
        }
    }
}
