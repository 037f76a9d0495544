package dev.berth.network.ipam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Picks a subnet for a network that names none: the first of the daemon's address pools, cut into
 * blocks of the pool's size, that overlaps no subnet already in use (other networks, host routes).
 * Docker's defaults are 172.17.0.0/16 … 172.31.0.0/16 as /16s, then 192.168.0.0/16 as /20s.
 */
public final class SubnetPicker {
    /** A base network cut into subnets of {@code size} bits of prefix. */
    public record Pool(Subnet base, int size) {
        public Pool {
            if (size < base.prefix() || size > base.bits()) {
                throw new IllegalArgumentException("invalid pool size " + size + " for " + base);
            }
        }
    }

    /** Where the default bridge's /16 comes from: 172.17.0.0/16 … 172.31.0.0/16. */
    public static final List<Pool> DEFAULT_BRIDGE_POOLS = List.of(
            new Pool(Subnet.parse("172.17.0.0/16"), 16), new Pool(Subnet.parse("172.18.0.0/15"), 16),
            new Pool(Subnet.parse("172.20.0.0/14"), 16), new Pool(Subnet.parse("172.24.0.0/13"), 16));

    public static final List<Pool> DOCKER_DEFAULTS = java.util.stream.Stream.concat(DEFAULT_BRIDGE_POOLS.stream(),
            java.util.stream.Stream.of(new Pool(Subnet.parse("192.168.0.0/16"), 20))).toList();

    private final List<Pool> pools;

    public SubnetPicker(List<Pool> pools) {
        this.pools = List.copyOf(pools);
    }

    public Optional<Subnet> pick(Collection<Subnet> inUse) {
        for (Pool p : pools) {
            long count = 1L << Math.min(30, p.size() - p.base().prefix());
            for (long i = 0; i < count; i++) {
                Subnet candidate = new Subnet(p.base().address(p.base().size().divide(java.math.BigInteger.valueOf(count))
                        .multiply(java.math.BigInteger.valueOf(i))), p.size());
                if (inUse.stream().noneMatch(candidate::overlaps)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The IPv4 networks the host routes to (from {@code /proc/net/route}), so no new bridge shadows them. */
    public static List<Subnet> hostRoutes(List<String> procNetRoute) {
        List<Subnet> out = new ArrayList<>();
        for (String line : procNetRoute) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            long dest = Long.parseLong(f[1], 16);
            long mask = Long.parseLong(f[7], 16);
            if (mask == 0) {
                continue;
            }
            out.add(new Subnet(littleEndian(dest), Long.bitCount(mask)));
        }
        return out;
    }

    private static java.net.InetAddress littleEndian(long v) {
        byte[] b = {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        try {
            return java.net.InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
