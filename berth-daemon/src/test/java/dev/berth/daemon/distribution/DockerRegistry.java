package dev.berth.daemon.distribution;

import dev.berth.oci.Digest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on a config this fixture writes: filesystem
 * storage in a temp dir, plain HTTP on the address given, htpasswd auth when a file is given, and
 * optionally started inside a network namespace.
 */
final class DockerRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private final Process process;
    private final String address;
    private final Path storage;

    private DockerRegistry(Process process, String address, Path storage) {
        this.process = process;
        this.address = address;
        this.storage = storage;
    }

    static DockerRegistry onLoopback(Path dir, Optional<Path> htpasswd) throws IOException {
        return start(dir, "127.0.0.1", freePort(), htpasswd, List.of());
    }

    /** Starts the registry inside {@code netns} (via {@code ip netns exec}) listening on {@code ip:port}. */
    static DockerRegistry inNamespace(Path dir, String netns, String ip, int port) throws IOException {
        return start(dir, ip, port, Optional.empty(), List.of("ip", "netns", "exec", netns));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static DockerRegistry start(Path dir, String ip, int port, Optional<Path> htpasswd, List<String> prefix)
            throws IOException {
        Path storage = dir.resolve("storage");
        Files.createDirectories(storage);
        String auth = htpasswd.map(p -> "auth:\n  htpasswd:\n    realm: berth-test\n    path: " + p + "\n").orElse("");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s:%d
                %s""".formatted(storage, ip, port, auth));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(BINARY.toString(), "serve", config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        DockerRegistry r = new DockerRegistry(p, ip + ":" + port, storage);
        r.awaitListening(ip, port, dir.resolve("registry.log"));
        return r;
    }

    private void awaitListening(String ip, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ip, port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                sleep();
            }
        }
        close();
        throw new IOException("docker-registry did not listen on " + ip + ":" + port + ": " + Files.readString(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code host:port}, as image references name the registry. */
    String address() {
        return address;
    }

    /** Where the registry keeps a blob's bytes, so a test can tamper with them. */
    Path blobData(Digest d) {
        return storage.resolve("docker/registry/v2/blobs/sha256").resolve(d.encoded().substring(0, 2))
                .resolve(d.encoded()).resolve("data");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
