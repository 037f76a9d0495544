package dev.berth.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.InProcessBerth;
import dev.berth.cli.InProcessBerth.Run;
import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth login, push, pull and logout against a real berthd and Debian's docker-registry with htpasswd. */
@Tag("integration")
class BerthRegistryCommandsTest {
    @TempDir
    Path tmp;

    private Run berth(BerthdProcess berthd, String stdin, String... args) {
        return InProcessBerth.against(berthd.host(), stdin.getBytes(StandardCharsets.UTF_8), Map.of("HOME", tmp.toString()), args);
    }

    private Process registry(int port, Path htpasswd) throws Exception {
        Path config = tmp.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                auth:
                  htpasswd:
                    realm: berth-cli-test
                    path: %s
                """.formatted(tmp.resolve("storage"), port, htpasswd));
        Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("docker-registry did not start: " + Files.readString(tmp.resolve("registry.log")));
    }

    @Test
    void logs_in_pushes_pulls_and_logs_out() throws Exception {
        Path htpasswd = tmp.resolve("htpasswd");
        assertEquals(0, new ProcessBuilder("htpasswd", "-Bbc", htpasswd.toString(), "bob", "pw123").start().waitFor());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process registry = registry(port, htpasswd);
        try (BerthdProcess berthd = BerthdProcess.start()) {
            String server = "127.0.0.1:" + port;
            String name = server + "/cli/busybox:v1";
            Path rootfs = tmp.resolve("rootfs.tar");
            BusyboxRootfs.writeTar(rootfs);
            assertEquals(0, berth(berthd, "", "import", rootfs.toString(), name).status());

            Run refused = berth(berthd, "", "login", "-u", "bob", "-p", "nope", server);
            assertEquals(1, refused.status());
            assertTrue(refused.err().contains("failed with status: 401 Unauthorized"), refused.err());

            Run login = berth(berthd, "pw123\n", "login", "-u", "bob", "--password-stdin", server);
            assertEquals(0, login.status(), login.err());
            assertEquals("Login Succeeded\n", login.out());
            assertTrue(Files.readString(tmp.resolve(".berth/config.json")).contains("\"" + server + "\""));

            Run push = berth(berthd, "", "push", name);
            assertEquals(0, push.status(), push.err());
            assertTrue(push.out().contains(": Pushed\n"), push.out());
            assertTrue(push.out().matches("(?s).*v1: digest: sha256:[0-9a-f]{64} size: \\d+\n.*"), push.out());

            assertEquals(0, berth(berthd, "", "rmi", name).status());
            Run pull = berth(berthd, "", "pull", "-q", name);
            assertEquals(0, pull.status(), pull.err());
            assertEquals(name + "\n", pull.out());

            Run logout = berth(berthd, "", "logout", server);
            assertEquals("Removing login credentials for " + server + "\n", logout.out());
            assertEquals(1, berth(berthd, "", "pull", server + "/cli/busybox:v1").status());
        } finally {
            registry.destroyForcibly().waitFor();
        }
    }
}
