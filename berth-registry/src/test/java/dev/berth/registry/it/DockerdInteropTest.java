package dev.berth.registry.it;

import static dev.berth.registry.V2Client.check;
import static dev.berth.registry.V2Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/** Debian's dockerd pushing to and pulling from berth-registry, anonymously and after {@code docker login}. */
@Tag("integration")
class DockerdInteropTest {

    @TempDir
    Path dir;

    @Test
    void docker_pushes_pulls_and_runs_through_the_registry_and_logs_in_with_htpasswd() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/sbin/dockerd")), "dockerd is installed");
        Path rootfs = dir.resolve("busybox.tar");
        BusyboxRootfs.writeTar(rootfs);
        String yaml = TestRegistry.INMEMORY.replace("inmemory: {}", "filesystem:\n    rootdirectory: "
                + dir.resolve("data"));
        try (BridgedDockerd dockerd = BridgedDockerd.start();
             DockerCli docker = new DockerCli(dockerd.host());
             TestRegistry registry = TestRegistry.start(yaml)) {
            String image = "127.0.0.1:" + registry.port() + "/berth/busybox:v1";
            docker.run("import", rootfs.toString(), "local-busybox:v1").check();
            docker.run("tag", "local-busybox:v1", image).check();
            docker.run("push", image).check();
            V2Client v2 = new V2Client(registry.base());
            assertEquals("[\"v1\"]", json(check(v2.get("/v2/berth/busybox/tags/list"), 200)).path("tags").toString());

            docker.run("rmi", image, "local-busybox:v1").check();
            docker.run("pull", image).check();
            String out = docker.run("run", "--rm", "--net=none", image, "echo", "pulled-from-berth").check().stdout();
            assertEquals("pulled-from-berth", out.strip());
        }
    }

    @Test
    void docker_login_works_with_htpasswd() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "alice:" + BCrypt.hashpw("s3cret", BCrypt.gensalt(5)).replace("$2a$", "$2y$")
                + "\n");
        Path rootfs = dir.resolve("busybox.tar");
        BusyboxRootfs.writeTar(rootfs);
        String yaml = TestRegistry.INMEMORY + "auth:\n  htpasswd:\n    realm: berth\n    path: " + htpasswd + "\n";
        try (BridgedDockerd dockerd = BridgedDockerd.start();
             DockerCli docker = new DockerCli(dockerd.host());
             TestRegistry registry = TestRegistry.start(yaml)) {
            String host = "127.0.0.1:" + registry.port();
            docker.run("import", rootfs.toString(), host + "/private/busybox:v1").check();
            assertTrue(!docker.run("push", host + "/private/busybox:v1").succeeded(), "anonymous push refused");
            DockerCli.Result bad = docker.runWithStdin("wrong".getBytes(), "login", "-u", "alice",
                    "--password-stdin", host);
            assertTrue(!bad.succeeded(), bad.describe());
            docker.runWithStdin("s3cret".getBytes(), "login", "-u", "alice", "--password-stdin", host).check();
            docker.run("push", host + "/private/busybox:v1").check();
            docker.run("rmi", host + "/private/busybox:v1").check();
            docker.run("pull", host + "/private/busybox:v1").check();
        }
    }
}
