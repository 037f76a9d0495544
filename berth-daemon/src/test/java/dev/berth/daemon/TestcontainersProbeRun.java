package dev.berth.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a Testcontainers probe did when its {@code main} ran in a JVM of its own against a daemon, as a
 * user's test suite would: whether it finished within 180 s, its exit code and its whole output.
 */
record TestcontainersProbeRun(boolean finished, int exitCode, String log) {
    /** Runs {@code probe} with {@code DOCKER_HOST=dockerHost}, no Ryuk and {@code HOME} and its log in {@code tmp}. */
    static TestcontainersProbeRun of(Class<?> probe, String dockerHost, Path tmp) throws IOException, InterruptedException {
        Path log = tmp.resolve("probe.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), probe.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DOCKER_HOST", dockerHost);
        pb.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
        pb.environment().put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        return new TestcontainersProbeRun(finished, finished ? p.exitValue() : -1, Files.readString(log));
    }
}
