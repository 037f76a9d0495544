package dev.berth.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real berthd in a child JVM, with its socket, data-root, exec-root, pidfile, config file and
 * log in a fresh temp directory, so a test can run against a daemon without touching the host's
 * {@code /var/lib/berth} or {@code /etc/berth/daemon.json}.
 *
 * <p>A test typically does:
 * <pre>{@code
 * try (BerthdProcess berthd = BerthdProcess.start()) {
 *     new DockerCli(berthd.host()).run("images").check();
 *     berthd.kill();       // SIGKILL: nothing acknowledged may be lost
 *     berthd.restart();    // same dirs, same flags
 * }                        // SIGTERM, unmount leftovers, delete the temp dir
 * }</pre>
 * The child runs with this JVM's {@code java.home} and {@code java.class.path}, so berthd must be
 * on the test classpath (berth-daemon's own tests, or a module depending on it).
 */
public final class BerthdProcess implements AutoCloseable {
    public static final String MAIN_CLASS = "dev.berth.daemon.Berthd";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final String RELOADED = "Reloaded configuration";

    private final ScratchDir scratch;
    private final String mainClass;
    private final List<String> extraArgs;
    private DaemonChild child;

    private BerthdProcess(ScratchDir scratch, String mainClass, List<String> extraArgs) {
        this.scratch = scratch;
        this.mainClass = mainClass;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts berthd with the temp-dir flags plus {@code extraArgs} (e.g. {@code --storage-driver vfs}). */
    public static BerthdProcess start(String... extraArgs) throws IOException {
        return start(MAIN_CLASS, List.of(extraArgs));
    }

    /**
     * Starts {@code mainClass} as if it were berthd. For berthd itself use {@link #start(String...)};
     * this exists so the launcher can be tested without the daemon module.
     */
    public static BerthdProcess start(String mainClass, List<String> extraArgs) throws IOException {
        BerthdProcess berthd = new BerthdProcess(ScratchDir.create("berthd-"), mainClass, extraArgs);
        try {
            Files.writeString(berthd.configFile(), "{}\n");
            berthd.launch();
        } catch (IOException | RuntimeException e) {
            berthd.scratch.delete();
            throw e;
        }
        return berthd;
    }

    public Path socket() {
        return scratch.resolve("berthd.sock");
    }

    /** The {@code -H} value for clients: {@code unix:///tmp/berthd-…/berthd.sock}. */
    public String host() {
        return "unix://" + socket();
    }

    public Path dataRoot() {
        return scratch.resolve("data");
    }

    public Path execRoot() {
        return scratch.resolve("exec");
    }

    public Path pidfile() {
        return scratch.resolve("berthd.pid");
    }

    /** An empty daemon.json, so a host's {@code /etc/berth/daemon.json} never applies to tests. */
    public Path configFile() {
        return scratch.resolve("daemon.json");
    }

    /** Everything berthd wrote to stdout and stderr, over all its runs. */
    public Path log() {
        return scratch.resolve("berthd.log");
    }

    /** The last part of {@link #log()}, for assertion messages. */
    public String logTail() {
        return child.logTail();
    }

    public long pid() {
        return child.pid();
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /**
     * Writes {@code daemonJson} to the config file, sends SIGHUP and returns once berthd logged one
     * more "Reloaded configuration" line than before (or throws with the log after 20 s).
     */
    public void reload(String daemonJson) throws IOException {
        int before = reloadsLogged();
        Files.writeString(configFile(), daemonJson);
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -HUP " + pid() + " failed");
            }
            while (reloadsLogged() == before) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("berthd did not reload " + configFile() + "\n" + logTail());
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the reload");
        }
    }

    private int reloadsLogged() throws IOException {
        String text = Files.readString(log());
        int n = 0;
        for (int i = text.indexOf(RELOADED); i >= 0; i = text.indexOf(RELOADED, i + 1)) {
            n++;
        }
        return n;
    }

    /** SIGTERM and wait for exit (SIGKILL after 30 s); returns the exit code. */
    public int stop() {
        return child.stop();
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        child.kill();
    }

    /** Stops berthd if it still runs, then starts it again on the same dirs with the same flags. */
    public void restart() throws IOException {
        if (child.isAlive()) {
            child.stop();
        }
        launch();
    }

    @Override
    public void close() {
        try {
            if (child != null && child.isAlive()) {
                child.stop();
            }
            ContainerReaper.reap(scratch.resolve(""), execRoot());
            scratch.delete();
            dropNftTable();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The daemon's nftables table, which a SIGKILLed daemon or one stopped with containers running keeps. */
    private void dropNftTable() throws IOException {
        Process p = new ProcessBuilder("nft", "delete", "table", "inet", nftTable()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code --nft-table} as the test gave it, else the one made up for this daemon. */
    public String nftTable() {
        for (int i = 0; i < extraArgs.size(); i++) {
            String a = extraArgs.get(i);
            if (a.startsWith("--nft-table=")) {
                return a.substring("--nft-table=".length());
            }
            if (a.equals("--nft-table") && i + 1 < extraArgs.size()) {
                return extraArgs.get(i + 1);
            }
        }
        return "berth_test_" + Long.toHexString(ProcessHandle.current().pid()) + "_"
                + Integer.toHexString(scratch.resolve("").hashCode() & 0xffff);
    }

    private void launch() throws IOException {
        child = DaemonChild.start(command(), socket(), log(), READY_TIMEOUT);
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                mainClass,
                "-H", host(),
                "--data-root", dataRoot().toString(),
                "--exec-root", execRoot().toString(),
                "--pidfile", pidfile().toString(),
                "--config-file", configFile().toString()));
        // Test daemons stay off the host's default bridge and firewall table unless a test asks for them.
        if (extraArgs.stream().noneMatch(a -> a.equals("-b") || a.startsWith("--bridge") || a.startsWith("-b="))) {
            cmd.add("--bridge=none");
        }
        if (extraArgs.stream().noneMatch(a -> a.startsWith("--nft-table"))) {
            cmd.add("--nft-table=" + nftTable());
        }
        cmd.addAll(extraArgs);
        return cmd;
    }
}
