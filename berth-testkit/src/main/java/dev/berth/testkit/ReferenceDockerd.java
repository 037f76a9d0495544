package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's dockerd, isolated in a temp directory, as the reference that berth is compared with.
 *
 * <p>It gets its own socket, data-root, exec-root, pidfile and an empty config file (so
 * {@code /etc/docker/daemon.json} does not apply), no bridge and no iptables rules (image tests
 * need no network), and containerd namespaces named after its temp dir. With no
 * {@code --containerd} address dockerd 20.10 starts a private containerd under its exec-root —
 * unless a system containerd listens on {@code /run/containerd/containerd.sock}, in which case it
 * shares that one and the namespaces keep the two apart.
 *
 * <pre>{@code
 * assumeTrue(ReferenceDockerd.isInstalled());
 * try (ReferenceDockerd dockerd = ReferenceDockerd.start();
 *         DockerCli docker = new DockerCli(dockerd.host())) {
 *     docker.run("import", tar.toString(), "busybox:ref").check();
 * }   // SIGTERM, unmount what it left, delete the temp dir
 * }</pre>
 *
 * <p>Network tests use {@link #startInPrivateNetwork()}: dockerd then lives in a network namespace
 * of its own (only its loopback, up), so the bridges it creates for {@code network create} and the
 * ports it publishes are never on the host's, and they vanish with it.
 */
public final class ReferenceDockerd implements AutoCloseable {
    public static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    /** dockerd also starts containerd and replays its state; give a loaded machine time. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ScratchDir scratch;
    private final boolean privateNetwork;
    private DaemonChild child;

    private ReferenceDockerd(ScratchDir scratch, boolean privateNetwork) {
        this.scratch = scratch;
        this.privateNetwork = privateNetwork;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(DOCKERD);
    }

    public static ReferenceDockerd start() throws IOException {
        return start(false);
    }

    /** As {@link #start()}, in a new network namespace ({@code unshare --net}) that dies with dockerd. */
    public static ReferenceDockerd startInPrivateNetwork() throws IOException {
        return start(true);
    }

    private static ReferenceDockerd start(boolean privateNetwork) throws IOException {
        ReferenceDockerd dockerd = new ReferenceDockerd(ScratchDir.create("refdockerd-"), privateNetwork);
        try {
            Files.writeString(dockerd.configFile(), "{}\n");
            dockerd.child = DaemonChild.start(dockerd.command(), dockerd.socket(), dockerd.log(), READY_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            dockerd.scratch.delete();
            throw e;
        }
        return dockerd;
    }

    public Path socket() {
        return scratch.resolve("docker.sock");
    }

    public String host() {
        return "unix://" + socket();
    }

    public Path dataRoot() {
        return scratch.resolve("data");
    }

    public Path execRoot() {
        return scratch.resolve("exec");
    }

    public Path log() {
        return scratch.resolve("dockerd.log");
    }

    public String logTail() {
        return child.logTail();
    }

    public long pid() {
        return child.pid();
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** Mounts dockerd still holds under its temp dir; empty once it has stopped and been cleaned. */
    public List<Path> mounts() throws IOException {
        return scratch.mounts();
    }

    /** SIGTERM and wait (SIGKILL after 30 s); returns dockerd's exit code. */
    public int stop() {
        return child.stop();
    }

    @Override
    public void close() {
        try {
            if (child.isAlive()) {
                child.stop();
            }
            scratch.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path configFile() {
        return scratch.resolve("daemon.json");
    }

    private List<String> command() {
        List<String> dockerd = dockerdCommand();
        if (!privateNetwork) {
            return dockerd;
        }
        // sh execs dockerd, so the child's pid stays dockerd's and SIGTERM reaches it.
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh"));
        wrapped.addAll(dockerd);
        return wrapped;
    }

    private List<String> dockerdCommand() {
        String namespace = "berth-ref-" + scratch.path().getFileName().toString().replaceAll("[^A-Za-z0-9]", "");
        return List.of(DOCKERD.toString(),
                "--config-file", configFile().toString(),
                "-H", host(),
                "--data-root", dataRoot().toString(),
                "--exec-root", execRoot().toString(),
                "--pidfile", scratch.resolve("dockerd.pid").toString(),
                "--iptables=false",
                "--ip6tables=false",
                "--bridge=none",
                "--containerd-namespace", namespace,
                "--containerd-plugins-namespace", namespace + "-plugins");
    }
}
