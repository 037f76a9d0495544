package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthd as a process: exclusivity, signals, reload, and its TCP and mutual-TLS listeners. */
@Tag("integration")
class BerthdLifecycleTest {
    @TempDir
    Path tmp;

    private Process berthd(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), BerthdProcess.MAIN_CLASS));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void second_daemon_on_the_same_data_root_is_refused() throws Exception {
        try (BerthdProcess first = BerthdProcess.start()) {
            Files.writeString(tmp.resolve("d.json"), "{}");
            Process second = berthd("-H", "unix://" + tmp.resolve("s.sock"), "--data-root", first.dataRoot().toString(),
                    "--exec-root", tmp.resolve("exec").toString(), "--pidfile", tmp.resolve("p.pid").toString(),
                    "--config-file", tmp.resolve("d.json").toString());
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue());
            String out = Files.readString(tmp.resolve("out.log"));
            assertTrue(out.contains("is in use by another berthd (pid " + first.pid() + ")"), out);
            assertTrue(first.isAlive());
            assertEquals(0, new DockerCli(first.host()).run("version").exitCode());
        }
    }

    @Test
    void flag_and_file_conflict_stops_the_start_with_dockerds_message() throws Exception {
        Files.writeString(tmp.resolve("d.json"), "{\"log-level\": \"warn\"}");
        Process p = berthd("--log-level", "debug", "--config-file", tmp.resolve("d.json").toString(),
                "--data-root", tmp.resolve("root").toString(), "-H", "unix://" + tmp.resolve("x.sock"));
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        String out = Files.readString(tmp.resolve("out.log"));
        assertTrue(out.contains("the following directives are specified both as a flag and in the configuration file: log-level"), out);
        assertFalse(Files.exists(tmp.resolve("root").resolve("content")), "nothing was created");
    }

    @Test
    void a_data_root_it_cannot_use_stops_the_start_with_the_path_and_the_reason() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("overlay2"));
        Files.writeString(root.resolve("overlay2").resolve("l"), "not the links directory");
        Files.writeString(tmp.resolve("d.json"), "{}");
        Process p = berthd("-H", "unix://" + tmp.resolve("x.sock"), "--data-root", root.toString(),
                "--exec-root", tmp.resolve("exec").toString(), "--pidfile", tmp.resolve("p.pid").toString(),
                "--config-file", tmp.resolve("d.json").toString(), "--bridge=none", "--storage-driver=overlay2");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        String out = Files.readString(tmp.resolve("out.log"));
        assertTrue(out.contains("failed to start daemon: " + root.resolve("overlay2").resolve("l") + ": file exists"), out);
        assertFalse(Files.exists(tmp.resolve("x.sock")), out);
    }

    @Test
    void sigterm_shuts_down_cleanly_and_sighup_reloads_registries() throws Exception {
        BerthdProcess berthd = BerthdProcess.start();
        try (DockerCli docker = new DockerCli(berthd.host())) {
            Files.writeString(berthd.configFile(), "{\"insecure-registries\": [\"10.99.0.0/16\", \"myregistry:5000\"], \"debug\": true}");
            new ProcessBuilder("kill", "-HUP", Long.toString(berthd.pid())).start().waitFor();
            String info = "";
            for (int i = 0; i < 50 && !info.contains("10.99.0.0/16"); i++) {
                Thread.sleep(100);
                info = docker.run("info").check().stdout();
            }
            assertTrue(info.contains("10.99.0.0/16") && info.contains("myregistry:5000"), info);
            assertTrue(info.contains("Debug Mode: true"), info);
            assertEquals(0, berthd.stop());
            assertFalse(Files.exists(berthd.socket()), "socket removed");
            assertFalse(Files.exists(berthd.pidfile()), "pidfile removed");
        } finally {
            berthd.close();
        }
    }

    @Test
    void tcp_without_tls_warns_loudly_and_serves() throws Exception {
        int port = freePort();
        try (BerthdProcess berthd = BerthdProcess.start("-H", "tcp://127.0.0.1:" + port)) {
            assertTrue(berthd.logTail().contains("Binding to IP address without --tlsverify is insecure"), berthd.logTail());
            try (DockerCli docker = new DockerCli("tcp://127.0.0.1:" + port)) {
                assertTrue(docker.run("version").check().stdout().contains("Server: berth"));
            }
        }
    }

    @Test
    void mutual_tls_accepts_a_client_certificate_and_refuses_none() throws Exception {
        Path pki = tmp.resolve("pki");
        Files.createDirectories(pki);
        openssl(pki, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=berth-test-ca");
        issue(pki, "server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth");
        issue(pki, "client", "/CN=client", "extendedKeyUsage=clientAuth");
        Files.copy(pki.resolve("client-cert.pem"), pki.resolve("cert.pem"));
        Files.copy(pki.resolve("client-key.pem"), pki.resolve("key.pem"));
        int port = freePort();
        try (BerthdProcess berthd = BerthdProcess.start("-H", "tcp://127.0.0.1:" + port, "--tlsverify",
                "--tlscacert", pki.resolve("ca.pem").toString(), "--tlscert", pki.resolve("server-cert.pem").toString(),
                "--tlskey", pki.resolve("server-key.pem").toString());
             DockerCli docker = new DockerCli("tcp://127.0.0.1:" + port, Duration.ofSeconds(30))) {
            DockerCli.Result ok = docker.run("--tlsverify", "--tlscacert", pki.resolve("ca.pem").toString(),
                    "--tlscert", pki.resolve("cert.pem").toString(), "--tlskey", pki.resolve("key.pem").toString(), "version");
            assertEquals(0, ok.exitCode(), ok.describe());
            assertTrue(ok.stdout().contains("Server: berth"));
            DockerCli.Result noCert = docker.run("--tls", "--tlscacert", pki.resolve("ca.pem").toString(), "version");
            assertNotEquals(0, noCert.exitCode(), noCert.describe());
        }
    }

    private static void issue(Path pki, String name, String subject, String ext) throws Exception {
        Files.writeString(pki.resolve(name + ".ext"), ext + "\n");
        openssl(pki, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out", name + ".csr",
                "-subj", subject);
        openssl(pki, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", name + "-cert.pem", "-days", "2", "-extfile", name + ".ext");
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
