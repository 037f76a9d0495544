package dev.berth.daemon.distribution;

import dev.berth.linux.Command;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network namespace joined to the host by a veth pair on a /30 of its own, so a registry can
 * listen on an address that is not loopback while traffic stays on this machine. The /30 is drawn
 * at random from {@code 10.231.0.0/16} and skipped when a host address or route already covers it
 * (another test run, someone's bridge); {@code -Dberth.test.netns.net=10.231.77.0/16} moves the pool.
 *
 * <pre>{@code
 * try (TestNamespace ns = TestNamespace.create()) {
 *     RegistryProcess.start(Setup.inNamespace(kind, ns.name(), ns.nsIp(), 5000));   // reached as ns.nsIp():5000
 * }   // deletes the veth pair and the namespace
 * }</pre>
 */
final class TestNamespace implements AutoCloseable {
    private static final Pattern POOL = Pattern.compile("10\\.(\\d+)\\.\\d+\\.\\d+/16");
    private static final Pattern IPV4_CIDR = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)(?:/(\\d+))?");
    private static final int ATTEMPTS = 8;

    private final String name;
    private final String hostVeth;
    private final int network;

    private TestNamespace(String name, String hostVeth, int network) {
        this.name = name;
        this.hostVeth = hostVeth;
        this.network = network;
    }

    /** Creates a namespace on a free /30; retries another /30 when one turns out to be taken. */
    static TestNamespace create() throws IOException {
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            int candidate = randomSlash30();
            if (inUse(candidate)) {
                continue;
            }
            String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
            try {
                return create("berth-t" + id, "bvh" + id, "bvn" + id, candidate);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no free /30 found in the test pool after " + ATTEMPTS + " tries");
    }

    private static TestNamespace create(String name, String hostVeth, String nsVeth, int network) throws IOException {
        Command.of("ip", "netns", "add", name).run().check();
        TestNamespace ns = new TestNamespace(name, hostVeth, network);
        try {
            Command.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth).run().check();
            Command.of("ip", "link", "set", nsVeth, "netns", name).run().check();
            Command.of("ip", "addr", "add", ns.hostIp() + "/30", "dev", hostVeth).run().check();
            Command.of("ip", "link", "set", hostVeth, "up").run().check();
            Command.of("ip", "netns", "exec", name, "ip", "addr", "add", ns.nsIp() + "/30", "dev", nsVeth).run().check();
            Command.of("ip", "netns", "exec", name, "ip", "link", "set", nsVeth, "up").run().check();
            Command.of("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up").run().check();
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    private static int randomSlash30() {
        String pool = System.getProperty("berth.test.netns.net", "10.231.0.0/16");
        Matcher m = POOL.matcher(pool);
        if (!m.matches()) {
            throw new IllegalArgumentException("berth.test.netns.net must be a 10.x.0.0/16, got " + pool);
        }
        int second = Integer.parseInt(m.group(1));
        return (10 << 24) | (second << 16) | (ThreadLocalRandom.current().nextInt(1 << 14) << 2);
    }

    /** Whether an address or route of the host overlaps the /30 at {@code network}. */
    private static boolean inUse(int network) throws IOException {
        String text = Command.of("ip", "-4", "-o", "addr", "show").run().check().stdout()
                + Command.of("ip", "-4", "route", "show", "table", "all").run().check().stdout();
        Matcher m = IPV4_CIDR.matcher(text);
        while (m.find()) {
            int address = 0;
            for (int g = 1; g <= 4; g++) {
                address = (address << 8) | Integer.parseInt(m.group(g));
            }
            int prefix = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
            int shorter = Math.min(prefix, 30);
            int mask = shorter == 0 ? 0 : -1 << (32 - shorter);
            if ((address & mask) == (network & mask)) {
                return true;
            }
        }
        return false;
    }

    private static String dotted(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    String name() {
        return name;
    }

    /** The host's end of the veth pair. */
    String hostIp() {
        return dotted(network + 1);
    }

    /** The namespace's end, where its registry listens. */
    String nsIp() {
        return dotted(network + 2);
    }

    /** The /30 both ends are on, as {@code insecure-registries} takes it. */
    String cidr() {
        return dotted(network) + "/30";
    }

    @Override
    public void close() throws IOException {
        Command.of("ip", "link", "del", hostVeth).run();
        Command.of("ip", "netns", "del", name).run();
    }
}
