package dev.berth.network.ipam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses of one subnet of one network: which are reserved (network, broadcast, gateway, aux
 * addresses), which are handed out, and where the next one comes from. Dynamic addresses come only
 * from the ip-range and are handed out round-robin after the last one given, so an address just
 * released is not reused at once (as libnetwork does); a requested address may lie anywhere in the subnet.
 *
 * <pre>{@code
 * AddressPool pool = new AddressPool(Subnet.parse("10.5.0.0/24"), Optional.empty(), gateway, Map.of());
 * InetAddress a = pool.allocate(Optional.empty());   // 10.5.0.2
 * pool.release(a);
 * }</pre>
 * Not thread-safe: the controller serialises changes to a network.
 */
public final class AddressPool {
    private final Subnet subnet;
    private final Subnet range;
    private final InetAddress gateway;
    private final Set<InetAddress> reserved = new HashSet<>();
    private final Set<InetAddress> allocated = new HashSet<>();
    private BigInteger next = BigInteger.ZERO;

    /**
     * @param range   where dynamic addresses come from; must lie inside the subnet (empty: all of it)
     * @param gateway the gateway, which must lie in the subnet (null: none, as for IPv6 without one)
     * @param aux     addresses kept out of allocation, by name ({@code --aux-address})
     */
    public AddressPool(Subnet subnet, Optional<Subnet> range, InetAddress gateway, Map<String, InetAddress> aux) {
        this.subnet = subnet;
        this.range = range.orElse(subnet);
        this.gateway = gateway;
        if (!subnet.covers(this.range)) {
            throw new IllegalArgumentException("invalid pool request: ip-range " + this.range + " is not in subnet " + subnet);
        }
        if (gateway != null) {
            if (!subnet.contains(gateway)) {
                throw new IllegalArgumentException("invalid pool request: gateway " + Subnet.text(gateway)
                        + " does not belong to subnet " + subnet);
            }
            reserved.add(gateway);
        }
        for (Map.Entry<String, InetAddress> e : aux.entrySet()) {
            if (!subnet.contains(e.getValue())) {
                throw new IllegalArgumentException("invalid pool request: aux-address " + e.getKey() + "="
                        + Subnet.text(e.getValue()) + " does not belong to subnet " + subnet);
            }
            reserved.add(e.getValue());
        }
        reserved.add(subnet.network());
        if (!subnet.isIpv6() && subnet.prefix() < 31) {
            reserved.add(subnet.last());
        }
    }

    public Subnet subnet() {
        return subnet;
    }

    public Subnet range() {
        return range;
    }

    public Optional<InetAddress> gateway() {
        return Optional.ofNullable(gateway);
    }

    /**
     * A free address: {@code wanted} if given (it must be in the subnet and free), else the next free
     * one of the range.
     */
    public InetAddress allocate(Optional<InetAddress> wanted) {
        if (wanted.isPresent()) {
            InetAddress a = wanted.get();
            if (!subnet.contains(a)) {
                throw new AddressException("no configured subnet or ip-range contain the IP address " + Subnet.text(a));
            }
            if (allocated.contains(a) || reserved.contains(a)) {
                throw new AddressException("Address already in use");
            }
            allocated.add(a);
            return a;
        }
        BigInteger size = range.size();
        BigInteger base = subnet.offsetOf(range.network());
        for (BigInteger tried = BigInteger.ZERO; tried.compareTo(size) < 0 && tried.compareTo(BigInteger.valueOf(1 << 20)) < 0;
             tried = tried.add(BigInteger.ONE)) {
            InetAddress a = subnet.address(base.add(next));
            next = next.add(BigInteger.ONE).mod(size);
            if (!allocated.contains(a) && !reserved.contains(a)) {
                allocated.add(a);
                return a;
            }
        }
        throw new AddressException("no available IPv" + (subnet.isIpv6() ? "6" : "4")
                + " addresses on this network's address pools: " + subnet);
    }

    /** Marks an address handed out before (a restored endpoint); false when it was not free. */
    public boolean claim(InetAddress a) {
        if (!subnet.contains(a) || reserved.contains(a)) {
            return false;
        }
        if (!allocated.add(a)) {
            return false;
        }
        if (range.contains(a)) {
            BigInteger after = range.offsetOf(a).add(BigInteger.ONE).mod(range.size());
            if (after.compareTo(next) > 0) {
                next = after;
            }
        }
        return true;
    }

    public void release(InetAddress a) {
        allocated.remove(a);
    }

    public boolean isAllocated(InetAddress a) {
        return allocated.contains(a);
    }

    public int allocatedCount() {
        return allocated.size();
    }

    /** An address that cannot be given: taken, outside the pool, or none left. */
    public static final class AddressException extends RuntimeException {
        public AddressException(String message) {
            super(message);
        }
    }
}
