package dev.berth.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Linux bridge made for one test, so a test daemon's default network ({@code -b NAME --bip CIDR})
 * never touches the host's own bridges; removed with its nftables table on close. Its /24 is a free
 * 10.x.y.0/24 ({@link #freeSubnet24}).
 *
 * <pre>{@code
 * try (TestBridge br = TestBridge.create();
 *      BerthdProcess berthd = BerthdProcess.start(br.daemonArgs())) { ... }
 * }</pre>
 */
public final class TestBridge implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.Set<String> HANDED_OUT = new java.util.HashSet<>();
    private final String name;
    private final String subnetPrefix;
    private final String table;

    private TestBridge(String name, String subnetPrefix, String table) {
        this.name = name;
        this.subnetPrefix = subnetPrefix;
        this.table = table;
    }

    public static TestBridge create() throws IOException {
        String hex = HexFormat.of().formatHex(bytes(3));
        String name = "bt" + hex;
        String prefix = freeSubnet24();
        run("ip", "link", "add", name, "type", "bridge");
        return new TestBridge(name, prefix, "bt_" + hex);
    }

    /**
     * A random {@code 10.X.Y} (the first three octets of a /24, X in 16–245) that overlaps no host route and was not
     * handed out before in this JVM, for a test bridge or a test's {@code network create --subnet}.
     */
    public static synchronized String freeSubnet24() throws IOException {
        List<long[]> routes = routes();
        for (int tries = 0; tries < 1000; tries++) {
            int x = 16 + RANDOM.nextInt(230);
            int y = RANDOM.nextInt(256);
            String prefix = "10." + x + "." + y;
            long net = (10L << 24) | ((long) x << 16) | ((long) y << 8);
            boolean clash = routes.stream().anyMatch(r -> (net & r[1]) == r[0] || (r[0] & 0xffffff00L) == net);
            if (!clash && HANDED_OUT.add(prefix)) {
                return prefix;
            }
        }
        throw new IOException("no free 10.x.y.0/24 for a test network");
    }

    /** Host IPv4 routes as {network, mask}, without the default route. */
    private static List<long[]> routes() throws IOException {
        List<long[]> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            long dest = littleEndian(f[1]);
            long mask = littleEndian(f[7]);
            if (mask != 0) {
                out.add(new long[] {dest & mask, mask});
            }
        }
        return out;
    }

    private static long littleEndian(String hex) {
        long v = Long.parseLong(hex, 16);
        return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >> 8) & 0xff00) | ((v >> 24) & 0xff);
    }

    /** The bridge's interface name. */
    public String name() {
        return name;
    }

    /** {@code 10.a.b.1/24}, the bridge's address as {@code --bip} gives it. */
    public String bip() {
        return subnetPrefix + ".1/24";
    }

    public String gateway() {
        return subnetPrefix + ".1";
    }

    /** The first three octets of the subnet ({@code 10.a.b}). */
    public String prefix() {
        return subnetPrefix;
    }

    /** An nftables table name that belongs to this bridge's daemon. */
    public String nftTable() {
        return table;
    }

    /** {@code -b NAME --bip CIDR --nft-table TABLE} for {@link BerthdProcess#start(String...)}. */
    public String[] daemonArgs(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-b", name, "--bip", bip(), "--nft-table", table));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Override
    public void close() throws IOException {
        if (Files.exists(Path.of("/sys/class/net", name))) {
            run("ip", "link", "del", name);
        }
        new ProcessBuilder("nft", "delete", "table", "inet", table).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void run(String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
