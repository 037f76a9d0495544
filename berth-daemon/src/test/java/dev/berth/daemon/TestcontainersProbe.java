package dev.berth.daemon;

import java.nio.charset.StandardCharsets;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Drives berthd through Testcontainers' GenericContainer. Run in its own JVM by
 * {@link TestcontainersCompatibilityTest}, since Testcontainers reads DOCKER_HOST from the
 * environment. Prints one {@code ok <step>} line per step that held; any failure exits non-zero.
 */
public final class TestcontainersProbe {
    private TestcontainersProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("busybox:latest"))
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                .withCommand("sh", "-c", "echo ready; while true; do sleep 1; done")
                .waitingFor(Wait.forLogMessage("ready\\n", 1))) {
            c.start();
            System.out.println("ok start");
            Container.ExecResult r = c.execInContainer("sh", "-c", "echo hello; echo oops >&2; exit 4");
            check(r.getStdout().equals("hello\n") && r.getStderr().equals("oops\n") && r.getExitCode() == 4,
                    "exec " + r);
            System.out.println("ok exec");
            c.copyFileToContainer(Transferable.of("payload from the test".getBytes(StandardCharsets.UTF_8)),
                    "/tmp/dir/in.txt");
            String back = c.copyFileFromContainer("/tmp/dir/in.txt", in -> new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            check(back.equals("payload from the test"), "copy " + back);
            System.out.println("ok copy");
            check(c.getLogs().contains("ready"), "logs");
            System.out.println("ok logs");
            c.stop();
            System.out.println("ok stop");
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("failed: " + what);
        }
    }
}
