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
 * never touches the host's own bridges; removed on close. Its /24 is picked from 10.200–10.249 so that
 * it overlaps no route the host has.
 *
 * <pre>{@code
 * try (TestBridge br = TestBridge.create();
 *      BerthdProcess berthd = BerthdProcess.start(br.daemonArgs())) { ... }
 * }</pre>
 */
public final class TestBridge implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
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
        List<String> routes = Files.readAllLines(Path.of("/proc/net/route"));
        for (int attempt = 0; attempt < 50; attempt++) {
            String prefix = "10." + (200 + RANDOM.nextInt(50)) + "." + RANDOM.nextInt(256);
            if (routes.stream().noneMatch(l -> overlaps(l, prefix))) {
                run("ip", "link", "add", name, "type", "bridge");
                return new TestBridge(name, prefix, "bt_" + hex);
            }
        }
        throw new IOException("no free 10.x /24 for a test bridge");
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

    private static boolean overlaps(String routeLine, String prefix) {
        String[] f = routeLine.trim().split("\\s+");
        if (f.length < 8 || f[0].equals("Iface")) {
            return false;
        }
        long dest = Long.parseLong(f[1], 16);
        long mask = Long.parseLong(f[7], 16);
        if (mask == 0) {
            return false;
        }
        String[] o = prefix.split("\\.");
        long ours = Long.parseLong(o[0]) | Long.parseLong(o[1]) << 8 | Long.parseLong(o[2]) << 16;
        long common = mask & 0xffffffL;
        return (dest & common) == (ours & common);
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
