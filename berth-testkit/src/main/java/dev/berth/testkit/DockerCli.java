package dev.berth.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stock docker CLI pointed at one daemon: {@code docker -H <host> args…}, with a private
 * {@code DOCKER_CONFIG} so the host user's contexts, credentials and aliases never leak in.
 *
 * <pre>{@code
 * try (DockerCli docker = new DockerCli(berthd.host())) {
 *     docker.runWithStdin(tar, "import", "-", "busybox:latest").check();
 *     String ids = docker.run("images", "-q").check().stdout();
 * }
 * }</pre>
 */
public final class DockerCli implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** Variables that would override {@code -H} or change what the CLI sends. */
    private static final List<String> SCRUBBED_ENV =
            List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_API_VERSION");

    private final String host;
    private final Duration timeout;
    private final Path config;

    public DockerCli(String host) {
        this(host, DEFAULT_TIMEOUT);
    }

    public DockerCli(String host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
        try {
            this.config = Files.createTempDirectory("docker-config-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one invocation did. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Returns this result if the command exited 0, otherwise throws with the command and both streams. */
        public Result check() {
            if (exitCode != 0) {
                throw new AssertionError(describe());
            }
            return this;
        }

        public String describe() {
            return String.join(" ", command) + " exited " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    public Result run(String... args) {
        return run(List.of(args), null);
    }

    /** {@code docker image inspect -f {{.Id}} REF}: the image's id ({@code sha256:…}); fails the test when there is none. */
    public String imageId(String ref) {
        return run("image", "inspect", "-f", "{{.Id}}", ref).check().stdout().strip();
    }

    public Result runWithStdin(byte[] stdin, String... args) {
        Path in = tempFile("stdin-");
        try {
            Files.write(in, stdin);
            return run(List.of(args), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(in);
        }
    }

    public Result runWithStdin(Path stdin, String... args) {
        return run(List.of(args), stdin);
    }

    /** Runs the CLI; {@code stdin} may be null for an empty input. Throws if it outlives the timeout. */
    public Result run(List<String> args, Path stdin) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host));
        command.addAll(args);
        Path out = tempFile("stdout-");
        Path err = tempFile("stderr-");
        try {
            int code = execute(command, stdin, out, err);
            return new Result(command, code, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private int execute(List<String> command, Path stdin, Path out, Path err) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput((stdin == null ? Path.of("/dev/null") : stdin).toFile());
        Map<String, String> env = pb.environment();
        SCRUBBED_ENV.forEach(env::remove);
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_CLI_HINTS", "false");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " timed out after " + timeout
                        + "\n--- stdout ---\n" + Files.readString(out) + "\n--- stderr ---\n" + Files.readString(err));
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + String.join(" ", command));
        }
    }

    private Path tempFile(String prefix) {
        try {
            return Files.createTempFile(config, prefix, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the whole config directory goes at close()
        }
    }

    /** Deletes the private config directory and captured output. */
    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(config)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
