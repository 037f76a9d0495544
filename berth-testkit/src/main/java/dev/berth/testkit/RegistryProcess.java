package dev.berth.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A registry as a child process on a temp {@code config.yml} (distribution's format, which both
 * registries read): filesystem storage in a temp dir, plain HTTP or TLS, htpasswd auth on request,
 * optionally inside a network namespace.
 *
 * <pre>{@code
 * try (RegistryProcess registry = RegistryProcess.start(RegistryProcess.Setup.onLoopback(Kind.BERTH_REGISTRY))) {
 *     docker.run("push", registry.address() + "/app:v1").check();
 *     Path data = registry.blobData("sha256:…");   // the bytes it serves, for tampering
 * }   // SIGKILL, delete the temp dir
 * }</pre>
 *
 * berth-registry runs in a child JVM on this JVM's class path, so berth-registry must be on the
 * test class path (as {@link BerthdProcess} needs berthd there).
 */
public final class RegistryProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    /** Which registry to run. */
    public enum Kind {
        /** berth-registry, {@code dev.berth.registry.RegistryMain serve config.yml}. */
        BERTH_REGISTRY,
        /** Debian's {@code docker-registry} (distribution 2.8), the reference. */
        DOCKER_REGISTRY;

        private List<String> command(Path config) {
            return switch (this) {
                case BERTH_REGISTRY -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        "dev.berth.registry.RegistryMain", "serve", config.toString());
                case DOCKER_REGISTRY -> List.of("/usr/bin/docker-registry", "serve", config.toString());
            };
        }
    }

    /** A certificate chain and its key in PEM, for {@code http.tls}. */
    public record Tls(Path certificate, Path key) {
    }

    /** Where and how to listen; {@code netns} runs the registry through {@code ip netns exec}. */
    public record Setup(Kind kind, String ip, int port, Optional<Tls> tls, Optional<Path> htpasswd,
                        Optional<String> netns) {
        /** On 127.0.0.1 and a free port, plain HTTP, no auth. */
        public static Setup onLoopback(Kind kind) {
            return new Setup(kind, "127.0.0.1", freeLoopbackPort(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** Inside network namespace {@code netns}, listening on {@code ip:port}. */
        public static Setup inNamespace(Kind kind, String netns, String ip, int port) {
            return new Setup(kind, ip, port, Optional.empty(), Optional.empty(), Optional.of(netns));
        }

        public Setup withTls(Path certificate, Path key) {
            return new Setup(kind, ip, port, Optional.of(new Tls(certificate, key)), htpasswd, netns);
        }

        public Setup withHtpasswd(Path file) {
            return new Setup(kind, ip, port, tls, Optional.of(file), netns);
        }
    }

    private final Setup setup;
    private final ScratchDir scratch;
    private Process process;

    private RegistryProcess(Setup setup, ScratchDir scratch) {
        this.setup = setup;
        this.scratch = scratch;
    }

    /** Starts the registry and returns once its port accepts connections, or throws with its log. */
    public static RegistryProcess start(Setup setup) throws IOException {
        RegistryProcess r = new RegistryProcess(setup, ScratchDir.create("registry-"));
        try {
            Files.createDirectories(r.storage());
            Files.writeString(r.config(), r.configYaml());
            r.launch();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private String configYaml() {
        StringBuilder y = new StringBuilder("""
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s:%d
                """.formatted(storage(), setup.ip(), setup.port()));
        setup.tls().ifPresent(t -> y.append("""
                  tls:
                    certificate: %s
                    key: %s
                """.formatted(t.certificate(), t.key())));
        setup.htpasswd().ifPresent(h -> y.append("""
                auth:
                  htpasswd:
                    realm: berth-test
                    path: %s
                """.formatted(h)));
        return y.toString();
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>();
        setup.netns().ifPresent(ns -> cmd.addAll(List.of("ip", "netns", "exec", ns)));
        cmd.addAll(setup.kind().command(config()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        awaitListening();
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(setup.ip(), setup.port()), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        String why = process.isAlive() ? "did not listen within " + READY_TIMEOUT.toSeconds() + " s"
                : "exited with " + process.exitValue();
        kill();
        throw new IOException(setup.kind() + " on " + address() + " " + why + ":\n" + Files.readString(log()));
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the registry");
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Setup setup() {
        return setup;
    }

    /** {@code ip:port}, as image references name the registry. */
    public String address() {
        return setup.ip() + ":" + setup.port();
    }

    /** {@code http://ip:port} or {@code https://ip:port}. */
    public String baseUrl() {
        return (setup.tls().isPresent() ? "https://" : "http://") + address();
    }

    /** The filesystem driver's root directory. */
    public Path storage() {
        return scratch.resolve("storage");
    }

    public Path config() {
        return scratch.resolve("config.yml");
    }

    /** Everything the registry wrote to stdout and stderr, access log included. */
    public Path log() {
        return scratch.resolve("registry.log");
    }

    /** Where the registry keeps the bytes of blob {@code digest} ({@code sha256:…}), so a test can tamper with them. */
    public Path blobData(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return storage().resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex)
                .resolve("data");
    }

    /** SIGKILL for the registry (and {@code ip netns exec}'s child, if it forked one). */
    public void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(c -> c.onExit().completeOnTimeout(c, 30, TimeUnit.SECONDS).join());
    }

    /** Kills the registry and deletes its storage, config and log. */
    @Override
    public void close() {
        kill();
        try {
            scratch.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
