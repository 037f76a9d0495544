package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.linux.Command;
import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.RegistryProcess;
import dev.berth.testkit.RegistryProcess.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who berthd may talk to and how: htpasswd logins, Docker Hub mirrors, plain HTTP only where allowed. */
@Tag("integration")
class RegistryAccessTest {
    @TempDir
    Path tmp;

    @Test
    void login_with_htpasswd_lets_push_and_pull_through_and_a_wrong_password_is_refused() throws Exception {
        Path htpasswd = tmp.resolve("htpasswd");
        Command.of("htpasswd", "-Bbc", htpasswd.toString(), "alice", "s3cret").run().check();
        try (RegistryProcess registry = RegistryProcess.start(
                RegistryProcess.Setup.onLoopback(Kind.DOCKER_REGISTRY).withHtpasswd(htpasswd));
             BerthdProcess berthd = BerthdProcess.start();
             DockerCli docker = new DockerCli(berthd.host())) {
            String name = registry.address() + "/private/app:v1";
            Path archive = tmp.resolve("app.tar");
            TestImages.write(archive, name, 11, 64);
            docker.run("load", "-i", archive.toString()).check();

            DockerCli.Result anonymous = docker.run("push", name);
            assertEquals(1, anonymous.exitCode(), anonymous.describe());

            DockerCli.Result wrong = docker.run("login", "-u", "alice", "-p", "wrong", registry.address());
            assertEquals(1, wrong.exitCode());
            assertTrue(wrong.stderr().contains("login attempt to http://" + registry.address()
                    + "/v2/ failed with status: 401 Unauthorized"), wrong.stderr());

            docker.runWithStdin("s3cret\n".getBytes(), "login", "-u", "alice", "--password-stdin", registry.address()).check();
            docker.run("push", name).check();
            docker.run("rmi", name).check();
            String pull = docker.run("pull", name).check().stdout();
            assertTrue(pull.contains("Downloaded newer image"), pull);
        }
    }

    @Test
    void a_mirror_named_in_daemon_json_serves_a_docker_hub_name() throws Exception {
        try (RegistryProcess mirror = RegistryProcess.start(RegistryProcess.Setup.onLoopback(Kind.DOCKER_REGISTRY));
             BerthdProcess berthd = BerthdProcess.start();
             DockerCli docker = new DockerCli(berthd.host())) {
            String onMirror = mirror.address() + "/library/mirrored:v1";
            Path archive = tmp.resolve("mirrored.tar");
            TestImages.write(archive, onMirror, 12, 64);
            docker.run("load", "-i", archive.toString()).check();
            docker.run("push", onMirror).check();
            String id = docker.imageId(onMirror);
            docker.run("rmi", onMirror).check();

            berthd.reload("{\"registry-mirrors\": [\"http://" + mirror.address() + "\"]}\n");
            String pull = docker.run("pull", "mirrored:v1").check().stdout();
            assertTrue(pull.contains("v1: Pulling from library/mirrored"), pull);
            assertTrue(pull.contains("Status: Downloaded newer image for mirrored:v1"), pull);
            assertEquals(id, docker.imageId("mirrored:v1"));
        }
    }

    @Test
    void plain_http_to_an_address_off_loopback_is_refused_until_listed_as_insecure() throws Exception {
        try (TestNamespace net = TestNamespace.create();
             RegistryProcess registry = RegistryProcess.start(
                     RegistryProcess.Setup.inNamespace(Kind.DOCKER_REGISTRY, net.name(), net.nsIp(), 5000));
             BerthdProcess berthd = BerthdProcess.start();
             DockerCli docker = new DockerCli(berthd.host())) {
            String name = registry.address() + "/far/app:v1";
            Path archive = tmp.resolve("far.tar");
            TestImages.write(archive, name, 13, 64);
            docker.run("load", "-i", archive.toString()).check();

            DockerCli.Result refused = docker.run("push", name);
            assertEquals(1, refused.exitCode(), refused.describe());
            assertTrue(refused.stderr().contains("http: server gave HTTP response to HTTPS client"), refused.stderr());

            berthd.reload("{\"insecure-registries\": [\"" + net.cidr() + "\"]}\n");
            docker.run("push", name).check();
            docker.run("rmi", name).check();
            assertTrue(docker.run("pull", name).check().stdout().contains("Downloaded newer image"));

            berthd.reload("{\"insecure-registries\": []}\n");
            DockerCli.Result again = docker.run("pull", name);
            assertEquals(1, again.exitCode(), again.describe());
            assertTrue(again.stderr().contains("http: server gave HTTP response to HTTPS client"), again.stderr());
        }
    }
}
