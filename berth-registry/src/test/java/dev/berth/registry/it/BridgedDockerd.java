package dev.berth.registry.it;

import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Debian's dockerd in a temp directory with its own socket, data-root, exec-root and pidfile, no iptables rules,
 * and a bridge this class creates ({@code -b NAME}; {@code --bridge=none} would make dockerd delete the host's
 * docker0). Closing stops dockerd and removes the bridge and the directory.
 */
final class BridgedDockerd implements AutoCloseable {

    private final Path dir;
    private final String bridge;
    private final Process process;

    private BridgedDockerd(Path dir, String bridge, Process process) {
        this.dir = dir;
        this.bridge = bridge;
        this.process = process;
    }

    static BridgedDockerd start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("regdockerd-");
        String bridge = "brreg" + ThreadLocalRandom.current().nextInt(10000, 99999);
        int net = ThreadLocalRandom.current().nextInt(10, 250);
        Tools.run("ip", "link", "add", bridge, "type", "bridge").check();
        Tools.run("ip", "addr", "add", "10.213." + net + ".1/24", "dev", bridge).check();
        Tools.run("ip", "link", "set", bridge, "up").check();
        Files.writeString(dir.resolve("daemon.json"), "{}\n");
        String ns = "berth-reg-" + dir.getFileName().toString().replaceAll("[^A-Za-z0-9]", "");
        Process p = new ProcessBuilder(List.of("/usr/sbin/dockerd",
                "--config-file", dir.resolve("daemon.json").toString(),
                "-H", "unix://" + dir.resolve("docker.sock"),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("dockerd.pid").toString(),
                "--iptables=false", "--ip6tables=false",
                "-b", bridge,
                "--containerd-namespace", ns, "--containerd-plugins-namespace", ns + "-plugins"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        BridgedDockerd d = new BridgedDockerd(dir, bridge, p);
        try {
            d.awaitReady();
        } catch (IOException | RuntimeException | AssertionError e) {
            d.close();
            throw e;
        }
        return d;
    }

    String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("dockerd.log"));
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (DockerCli docker = new DockerCli(host())) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("dockerd exited " + process.exitValue() + ":\n" + log());
                }
                if (Files.exists(dir.resolve("docker.sock")) && docker.run("version").succeeded()) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new IOException("dockerd did not come up:\n" + log());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Tools.run("ip", "link", "del", bridge);
        Path data = dir.resolve("data");
        if (Files.exists(data)) {
            // overlay mounts and netns files may remain; unmount before deleting
            Tools.run("sh", "-c", "grep -o ' " + dir + "[^ ]*' /proc/self/mounts | sort -r | xargs -r -n1 umount -l");
        }
        Tools.run("rm", "-rf", dir.toString());
    }
}
