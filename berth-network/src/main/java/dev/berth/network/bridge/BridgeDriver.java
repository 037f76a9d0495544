package dev.berth.network.bridge;

import dev.berth.linux.Interfaces;
import dev.berth.network.Endpoint;
import dev.berth.network.Network;
import dev.berth.network.NetworkDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux bridges: one per network, its gateway address on it; each endpoint is a veth pair whose host
 * end is enslaved to the bridge. A bridge the user made ({@code -b NAME}) is used as it is and never deleted.
 */
public final class BridgeDriver implements NetworkDriver {
    private final int defaultMtu;
    private final String userBridge;

    /**
     * @param userBridge the bridge named by {@code -b}, which belongs to the user (empty: none)
     */
    public BridgeDriver(int defaultMtu, String userBridge) {
        this.defaultMtu = defaultMtu;
        this.userBridge = userBridge;
    }

    @Override
    public String type() {
        return "bridge";
    }

    @Override
    public boolean hasEndpoints() {
        return true;
    }

    @Override
    public void createNetwork(Network n) throws IOException {
        String br = n.bridgeName();
        boolean exists = IpRoute.linkExists(br);
        if (!exists) {
            IpRoute.host(List.of("link add " + br + " mtu " + n.mtu(defaultMtu) + " type bridge"));
        }
        if (n.enableIpv6()) {
            Sysctl.setInterface("ipv6", br, "disable_ipv6", "0");
        }
        java.util.Set<String> have = exists ? java.util.Set.copyOf(IpRoute.addresses(br)) : java.util.Set.of();
        List<String> lines = new ArrayList<>();
        for (Network.IpamConfig c : n.ipam().config()) {
            if (c.gateway().isEmpty()) {
                continue;
            }
            String addr = c.gateway() + c.subnet().substring(c.subnet().indexOf('/'));
            if (!have.contains(addr)) {
                lines.add("addr add " + addr + " dev " + br + (c.gateway().contains(":") ? " nodad" : ""));
            }
        }
        lines.add("link set " + br + " up");
        IpRoute.host(lines);
        // Published ports are DNATed from 127.0.0.1 too; the kernel routes such packets out only with this on.
        Sysctl.setInterface("ipv4", br, "route_localnet", "1");
    }

    @Override
    public void deleteNetwork(Network n) throws IOException {
        String br = n.bridgeName();
        if (br.equals(userBridge) || !IpRoute.linkExists(br)) {
            return;
        }
        IpRoute.host(List.of("link del " + br));
    }

    @Override
    public void join(Network n, Endpoint e, Path sandbox, boolean gateway) throws IOException {
        int mtu = n.mtu(defaultMtu);
        // One process does the whole inside: the pair is made there and its host end sent to berthd's namespace.
        List<String> inside = new ArrayList<>();
        inside.add("link add " + e.ifName() + " mtu " + mtu + " address " + e.mac() + " type veth peer name "
                + e.hostIf() + " mtu " + mtu + " netns " + ProcessHandle.current().pid());
        if (!e.ipv4().isEmpty()) {
            inside.add("addr add " + e.ipv4() + "/" + e.prefix() + " dev " + e.ifName());
        }
        if (!e.ipv6().isEmpty()) {
            inside.add("addr add " + e.ipv6() + "/" + e.prefix6() + " dev " + e.ifName() + " nodad");
        }
        inside.add("link set " + e.ifName() + " up");
        if (gateway && !n.internal() && !e.gateway().isEmpty()) {
            inside.add("route replace default via " + e.gateway() + " dev " + e.ifName());
        }
        if (gateway && !n.internal() && !e.gateway6().isEmpty()) {
            // a batch line takes no options such as -6: the ::/0 prefix says the family
            inside.add("route replace ::/0 via " + e.gateway6() + " dev " + e.ifName());
        }
        try {
            IpRoute.in(sandbox, inside);
            Interfaces.addToBridge(n.bridgeName(), e.hostIf());
            // A container that calls its own published port is DNATed back to itself: the bridge must send that
            // packet out of the port it came in by (dockerd turns this on too when it runs without its userland proxy).
            java.nio.file.Files.writeString(Path.of("/sys/class/net", e.hostIf(), "brport", "hairpin_mode"), "1");
            Interfaces.up(e.hostIf());
        } catch (IOException failed) {
            leaveQuietly(e);
            throw failed;
        }
    }

    @Override
    public void leave(Network n, Endpoint e, Path sandbox) throws IOException {
        if (IpRoute.linkExists(e.hostIf())) {
            IpRoute.host(List.of("link del " + e.hostIf()));
        }
    }

    private static void leaveQuietly(Endpoint e) {
        try {
            IpRoute.host(List.of("link del " + e.hostIf()));
        } catch (IOException ignored) {
            // the pair may not exist; the caller reports the first failure
        }
    }
}
