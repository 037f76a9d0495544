package dev.berth.daemon.network;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.TestBridge;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A berthd whose default bridge is a bridge of the test's own ({@code -b btXXXXXX}) on a random free
 * 10.x.y.0/24, with its own nftables table, and two images: {@code busybox} and {@code web} (busybox
 * httpd serving "hello from web" on port 80, {@code EXPOSE 80}).
 *
 * <pre>{@code
 * try (NetworkDaemon d = NetworkDaemon.start(tmp, "--fixed-cidr", "{subnet}.128/25")) {
 *     d.docker().run("run", "-d", "--name", "w", "web").check();
 *     String ip = d.inspect("w", "{{.NetworkSettings.IPAddress}}");   // 10.x.y.128
 * }   // containers removed, berthd stopped, bridge deleted
 * }</pre>
 */
final class NetworkDaemon implements AutoCloseable {
    static final String PAGE = "hello from web";
    static final String SUBNET = "{subnet}";
    private static final String WEB_CMD = "CMD [\"sh\", \"-c\", \"mkdir -p /www && echo '" + PAGE
            + "' > /www/index.html && exec httpd -f -p 80 -h /www\"]";

    private final TestBridge bridge;
    private BusyboxDaemon daemon;

    private NetworkDaemon(TestBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * Makes the bridge, starts berthd on it ({@code --bip} = .1 of the subnet) and imports the images.
     * {@value #SUBNET} in an argument stands for the subnet's first three octets.
     */
    static NetworkDaemon start(Path tmp, String... extraArgs) throws IOException {
        NetworkDaemon d = new NetworkDaemon(TestBridge.create());
        try {
            List<String> args = new ArrayList<>();
            for (String a : extraArgs) {
                args.add(a.replace(SUBNET, d.subnet()));
            }
            d.daemon = BusyboxDaemon.start(tmp, d.bridge.daemonArgs(args.toArray(String[]::new)));
            d.docker().run("import", "-c", "EXPOSE 80", "-c", WEB_CMD, d.daemon.rootfs().toString(), "web").check();
        } catch (IOException | RuntimeException | Error e) {
            d.close();
            throw e;
        }
        return d;
    }

    DockerCli docker() {
        return daemon.docker();
    }

    BerthdProcess berthd() {
        return daemon.berthd();
    }

    /** The default bridge's interface. */
    String bridge() {
        return bridge.name();
    }

    /** The first three octets of the default bridge's /24, e.g. {@code 10.123.45}. */
    String subnet() {
        return bridge.prefix();
    }

    String gateway() {
        return bridge.gateway();
    }

    String table() {
        return bridge.nftTable();
    }

    DockerCli.Result docker(String... args) {
        return docker().run(args);
    }

    String inspect(String ref, String format) {
        return docker().run("inspect", "-f", format, ref).check().stdout().strip();
    }

    /** {@code docker exec REF sh -c SCRIPT}, checked, its stdout. */
    String exec(String ref, String script) {
        return docker().run("exec", ref, "sh", "-c", script).check().stdout();
    }

    /** {@code docker exec REF sh -c SCRIPT}, unchecked. */
    DockerCli.Result tryExec(String ref, String script) {
        return docker().run("exec", ref, "sh", "-c", script);
    }

    /** Runs a container detached and returns its id. */
    String runDetached(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "-d"));
        all.addAll(List.of(args));
        return docker().run(all.toArray(String[]::new)).check().stdout().strip();
    }

    /** Waits until the container's httpd (or any listener) answers on 80 from inside it. */
    void awaitWeb(String ref) throws InterruptedException {
        await(() -> tryExec(ref, "timeout 2 wget -q -O - http://127.0.0.1/").stdout().contains(PAGE),
                ref + " never served its page");
    }

    static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what);
            }
            Thread.sleep(200);
        }
    }

    static <T> T awaitValue(java.util.function.Supplier<T> get, Predicate<T> done, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        T v = get.get();
        while (!done.test(v)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": last value " + v);
            }
            Thread.sleep(200);
            v = get.get();
        }
        return v;
    }

    /** Removes every container and user network, stops berthd, deletes the bridge. */
    @Override
    public void close() {
        try {
            if (daemon != null && berthd().isAlive()) {
                String ids = docker("ps", "-aq").stdout().strip();
                if (!ids.isEmpty()) {
                    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                    rm.addAll(ids.lines().toList());
                    docker(rm.toArray(String[]::new));
                }
                docker("network", "prune", "-f");
            }
        } finally {
            try {
                if (daemon != null) {
                    daemon.close();
                }
            } finally {
                try {
                    bridge.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }
}
