package dev.berth.network;

import dev.berth.linux.AtomicFiles;
import dev.berth.network.bridge.BridgeDriver;
import dev.berth.network.bridge.IpRoute;
import dev.berth.network.bridge.Sysctl;
import dev.berth.network.firewall.FirewallModel;
import dev.berth.network.firewall.Nftables;
import dev.berth.network.ipam.AddressPool;
import dev.berth.network.ipam.Subnet;
import dev.berth.network.ipam.SubnetPicker;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.ForbiddenException;
import dev.berth.oci.error.NotFoundException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * libnetwork's controller: owns the networks (stored one JSON file each), their address pools, the
 * endpoints of running containers, published ports and berthd's nftables table. A container start goes:
 * <pre>{@code
 * Path sb = controller.sandboxes().create(containerId);              // before the runtime creates the container
 * Endpoint e = controller.connect(id, name, net, request, sb, true, 0);
 * List<PortBinding> ports = controller.publish(id, e.ipv4(), requests, "c1 (…)");
 * ...
 * controller.unpublish(id); controller.release(net, e); controller.sandboxes().delete(id);
 * }</pre>
 * Endpoints are not stored here but in the container's record; after a restart the daemon hands them
 * back through {@link #restore}, which claims their addresses again before anything new is handed out.
 */
public final class NetworkController {
    private static final System.Logger LOG = System.getLogger("berthd.network");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final NetworkSettings settings;
    private final Sandboxes sandboxes;
    private final Nftables firewall;
    private final PortReservations reservations = new PortReservations();
    private final Map<String, NetworkDriver> drivers = new LinkedHashMap<>();
    private final Map<String, Managed> networks = new LinkedHashMap<>();
    private final Map<String, List<FirewallModel.PortForward>> forwards = new LinkedHashMap<>();
    private final Map<String, List<FirewallModel.LinkRule>> linkRules = new LinkedHashMap<>();

    /** A network with its address pools and current endpoints. */
    private static final class Managed {
        Network network;
        final List<AddressPool> pools4 = new ArrayList<>();
        final List<AddressPool> pools6 = new ArrayList<>();
        final Map<String, Attachment> attachments = new LinkedHashMap<>();

        Managed(Network network) {
            this.network = network;
        }
    }

    private NetworkController(NetworkSettings settings) {
        this.settings = settings;
        this.sandboxes = new Sandboxes(settings.sandboxDir());
        this.firewall = new Nftables(settings.nftTable(), settings.iptables());
        drivers.put("bridge", new BridgeDriver(settings.mtu(), settings.bridge()));
        drivers.put("null", new NullDriver("null"));
        drivers.put("host", new NullDriver("host"));
    }

    /** Loads the stored networks, makes the predefined ones (bridge, host, none) and their bridges. */
    public static NetworkController open(NetworkSettings settings) throws IOException {
        NetworkController c = new NetworkController(settings);
        Files.createDirectories(settings.stateDir());
        c.load();
        if (settings.ipForward()) {
            Sysctl.set("net.ipv4.ip_forward", "1");
            if (settings.ipv6()) {
                Sysctl.set("net.ipv6.conf.all.forwarding", "1");
            }
        }
        return c;
    }

    public NetworkSettings settings() {
        return settings;
    }

    public Sandboxes sandboxes() {
        return sandboxes;
    }

    // ---- networks -------------------------------------------------------------------------------

    public synchronized List<Network> list() {
        return networks.values().stream().map(m -> m.network).toList();
    }

    /** By full id, name, or unique id prefix, as dockerd looks networks up. */
    public synchronized Network find(String ref) {
        return managed(ref).network;
    }

    public synchronized Optional<Network> lookup(String ref) {
        try {
            return Optional.of(managed(ref).network);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    public synchronized List<Attachment> attachments(String networkId) {
        Managed m = networks.get(networkId);
        return m == null ? List.of() : List.copyOf(m.attachments.values());
    }

    public synchronized Network create(NetworkRequest req) throws IOException {
        if (req.name().isEmpty()) {
            throw new IllegalArgumentException("network name is required");
        }
        if (networks.values().stream().anyMatch(m -> m.network.name().equals(req.name()))) {
            throw new ConflictException("network with name " + req.name() + " already exists");
        }
        String driverName = req.driver().isEmpty() ? "bridge" : req.driver();
        NetworkDriver driver = drivers.get(driverName);
        if (driver == null) {
            throw new NotFoundException("could not find plugin " + driverName + " in v1 plugin registry: plugin not found");
        }
        if (!driverName.equals("bridge")) {
            throw new ForbiddenException(driverName + " is a pre-defined network and cannot be created");
        }
        if (!req.ipamDriver().isEmpty() && !req.ipamDriver().equals("default")) {
            throw new NotFoundException("could not find plugin " + req.ipamDriver() + " in v1 plugin registry: plugin not found");
        }
        String id = newId();
        Map<String, String> options = new LinkedHashMap<>(req.options());
        String bridgeName = options.getOrDefault(Network.BRIDGE_NAME, "br-" + id.substring(0, 12));
        if (bridgeName.length() > 15) {
            throw new IllegalArgumentException("bridge name " + bridgeName + " is longer than 15 characters");
        }
        if (networks.values().stream().anyMatch(m -> m.network.isBridge() && m.network.bridgeName().equals(bridgeName))) {
            throw new ForbiddenException("bridge name " + bridgeName + " is already in use by another network");
        }
        List<Network.IpamConfig> configs = ipamConfigs(req.ipam(), req.ipv6());
        Network n = new Network(req.name(), id, Instant.now().toString(), "local", driverName, true, req.ipv6(),
                new Network.Ipam("default", Map.of(), configs), req.internal(), req.attachable(), false, options,
                req.labels());
        Managed m = new Managed(n);
        pools(m);
        driver.createNetwork(n);
        try {
            store(n);
            networks.put(id, m);
            applyFirewall();
        } catch (IOException | RuntimeException e) {
            networks.remove(id);
            Files.deleteIfExists(file(id));
            deleteQuietly(driver, n);
            throw e;
        }
        return n;
    }

    public synchronized void remove(String ref) throws IOException {
        Managed m = managed(ref);
        Network n = m.network;
        if (isPredefined(n)) {
            throw new ForbiddenException(n.name() + " is a pre-defined network and cannot be removed");
        }
        if (!m.attachments.isEmpty()) {
            Attachment a = m.attachments.values().iterator().next();
            throw new ForbiddenException("error while removing network: network " + n.name() + " has active endpoints (name:\""
                    + a.containerName() + "\" id:\"" + a.containerId().substring(0, 12) + "\")");
        }
        networks.remove(n.id());
        driver(n).deleteNetwork(n);
        Files.deleteIfExists(file(n.id()));
        applyFirewall();
    }

    public static boolean isPredefined(Network n) {
        return n.isDefaultBridge() || n.name().equals("host") || n.name().equals("none");
    }

    /** The default bridge network, if the daemon has one. */
    public synchronized Optional<Network> defaultBridge() {
        return networks.values().stream().map(m -> m.network).filter(Network::isDefaultBridge).findFirst();
    }

    // ---- endpoints ------------------------------------------------------------------------------

    /**
     * Gives the container an endpoint on the network inside the sandbox: addresses, the veth pair and
     * (when {@code gateway}) the default route. Nothing is left when it fails.
     *
     * @param ifIndex the N of {@code ethN} inside the sandbox
     */
    public Endpoint connect(String containerId, String containerName, Network network, EndpointRequest req,
                            Path sandbox, boolean gateway, int ifIndex, List<String> names) throws IOException {
        Endpoint e;
        synchronized (this) {
            Managed m = networks.get(network.id());
            if (m == null) {
                throw new NotFoundException("network " + network.name() + " not found");
            }
            if (m.attachments.values().stream().anyMatch(a -> a.containerId().equals(containerId))) {
                throw new ForbiddenException("endpoint with name " + containerName + " already exists in network "
                        + network.name());
            }
            e = allocate(m, req, ifIndex);
            m.attachments.put(e.id(), new Attachment(containerId, containerName, e, names));
        }
        try {
            driver(network).join(network, e, sandbox, gateway);
        } catch (IOException | RuntimeException failed) {
            release(network.id(), e);
            throw failed;
        }
        return e;
    }

    /** Takes the endpoint out of the sandbox and frees its addresses. */
    public void disconnect(Network network, Endpoint e, Path sandbox) throws IOException {
        try {
            driver(network).leave(network, e, sandbox);
        } finally {
            release(network.id(), e);
        }
    }

    /**
     * Frees the endpoint's addresses when its sandbox is about to be deleted: the kernel removes a veth pair
     * with the namespace that holds one end, so there is nothing to undo by hand (and no process to start).
     */
    public void release(Network network, Endpoint e) {
        release(network.id(), e);
    }

    /**
     * After a daemon restart: the endpoint of a container that kept running claims its addresses again.
     * Returns false when the network is gone or the address was taken (the daemon then drops the endpoint).
     */
    public synchronized boolean restore(String containerId, String containerName, String networkId, Endpoint e,
                                        List<String> names) {
        Managed m = networks.get(networkId);
        if (m == null) {
            return false;
        }
        if (!e.ipv4().isEmpty() && !claim(m.pools4, e.ipv4())) {
            return false;
        }
        if (!e.ipv6().isEmpty() && !claim(m.pools6, e.ipv6())) {
            return false;
        }
        m.attachments.put(e.id(), new Attachment(containerId, containerName, e, names));
        return true;
    }

    private static boolean claim(List<AddressPool> pools, String ip) {
        InetAddress a = Subnet.ip(ip);
        return pools.stream().filter(p -> p.subnet().contains(a)).anyMatch(p -> p.claim(a));
    }

    private synchronized void release(String networkId, Endpoint e) {
        Managed m = networks.get(networkId);
        if (m == null) {
            return;
        }
        m.attachments.remove(e.id());
        if (!e.ipv4().isEmpty()) {
            InetAddress a = Subnet.ip(e.ipv4());
            m.pools4.forEach(p -> p.release(a));
        }
        if (!e.ipv6().isEmpty()) {
            InetAddress a = Subnet.ip(e.ipv6());
            m.pools6.forEach(p -> p.release(a));
        }
    }

    private Endpoint allocate(Managed m, EndpointRequest req, int ifIndex) {
        Network n = m.network;
        if (!driver(n).hasEndpoints()) {
            return new Endpoint(newId(), n.id(), "", "", "", "", 0, "", "", 0, "", req.aliases());
        }
        InetAddress v4 = null;
        AddressPool pool4 = null;
        if (!m.pools4.isEmpty()) {
            if (!req.ipv4().isEmpty()) {
                InetAddress want = Subnet.ip(req.ipv4());
                pool4 = m.pools4.stream().filter(p -> p.subnet().contains(want)).findFirst()
                        .orElseThrow(() -> new ForbiddenException("no configured subnet or ip-range contain the IP address "
                                + req.ipv4()));
                try {
                    v4 = pool4.allocate(Optional.of(want));
                } catch (AddressPool.AddressException taken) {
                    throw new ForbiddenException(taken.getMessage());
                }
            } else {
                for (AddressPool p : m.pools4) {
                    try {
                        v4 = p.allocate(Optional.empty());
                        pool4 = p;
                        break;
                    } catch (AddressPool.AddressException full) {
                        if (p == m.pools4.getLast()) {
                            throw new ForbiddenException(full.getMessage());
                        }
                    }
                }
            }
        }
        InetAddress v6 = null;
        AddressPool pool6 = null;
        try {
            if (n.enableIpv6() && !m.pools6.isEmpty()) {
                pool6 = m.pools6.getFirst();
                v6 = pool6.allocate(req.ipv6().isEmpty() ? Optional.empty() : Optional.of(Subnet.ip(req.ipv6())));
            }
        } catch (RuntimeException e) {
            if (pool4 != null) {
                pool4.release(v4);
            }
            throw e instanceof AddressPool.AddressException ? new ForbiddenException(e.getMessage()) : e;
        }
        String mac = req.mac().isEmpty() ? mac(v4) : req.mac();
        String gw4 = pool4 == null ? "" : gatewayFor(n, pool4);
        return new Endpoint(newId(), n.id(), "eth" + ifIndex, "veth" + HexFormat.of().formatHex(randomBytes(4)).substring(0, 7),
                mac, v4 == null ? "" : Subnet.text(v4), pool4 == null ? 0 : pool4.subnet().prefix(), gw4,
                v6 == null ? "" : Subnet.text(v6), pool6 == null ? 0 : pool6.subnet().prefix(),
                pool6 == null ? "" : pool6.gateway().map(Subnet::text).orElse(""), req.aliases());
    }

    /** The default bridge may route through {@code --default-gateway} rather than its own address. */
    private String gatewayFor(Network n, AddressPool pool) {
        if (n.isDefaultBridge() && !settings.defaultGateway().isEmpty()) {
            return settings.defaultGateway();
        }
        return pool.gateway().map(Subnet::text).orElse("");
    }

    /** Docker's classic MAC: 02:42 and the IPv4 address, unique on the network; random without one. */
    private static String mac(InetAddress v4) {
        byte[] b = new byte[6];
        if (v4 instanceof Inet4Address) {
            b[0] = 0x02;
            b[1] = 0x42;
            System.arraycopy(v4.getAddress(), 0, b, 2, 4);
        } else {
            RANDOM.nextBytes(b);
            b[0] = (byte) ((b[0] & 0xfe) | 0x02);
        }
        return HexFormat.ofDelimiter(":").formatHex(b);
    }

    // ---- ports and links ------------------------------------------------------------------------

    /** Binds the host ports and adds the DNAT rules; the returned bindings are what inspect shows. */
    public List<PortBinding> publish(String containerId, String containerIp, List<PortRequest> requests,
                                     String endpointText) throws IOException {
        if (requests.isEmpty() || containerIp.isEmpty()) {
            return List.of();
        }
        List<PortBinding> bound = reservations.reserve(containerId, requests, endpointText);
        synchronized (this) {
            forwards.put(containerId, forwards(containerIp, bound));
            try {
                applyFirewall();
            } catch (IOException | RuntimeException e) {
                forwards.remove(containerId);
                reservations.release(containerId);
                throw e;
            }
        }
        return bound;
    }

    /** After a restart: the ports a running container had are held and forwarded again. */
    public synchronized void restorePorts(String containerId, String containerIp, List<PortBinding> bindings) {
        if (bindings.isEmpty()) {
            return;
        }
        try {
            reservations.reserve(containerId, bindings.stream().map(b -> new PortRequest(b.proto(), b.hostIp(),
                    b.hostPort(), b.hostPort(), b.containerPort())).toList(), containerId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not hold the ports of " + containerId + " again: " + e.getMessage());
        }
        forwards.put(containerId, forwards(containerIp, bindings));
    }

    private static List<FirewallModel.PortForward> forwards(String containerIp, List<PortBinding> bindings) {
        return bindings.stream().map(b -> new FirewallModel.PortForward(b.proto(), b.hostIp(), b.hostPort(), containerIp,
                b.containerPort())).toList();
    }

    public void unpublish(String containerId) throws IOException {
        reservations.release(containerId);
        synchronized (this) {
            boolean changed = forwards.remove(containerId) != null | linkRules.remove(containerId) != null;
            if (changed) {
                applyFirewall();
            }
        }
    }

    /** The ports that a container's legacy links open across an icc=false bridge. */
    public synchronized void allowLinks(String containerId, List<FirewallModel.LinkRule> rules) throws IOException {
        if (rules.isEmpty()) {
            return;
        }
        linkRules.put(containerId, List.copyOf(rules));
        applyFirewall();
    }

    // ---- names ----------------------------------------------------------------------------------

    /**
     * What the embedded DNS answers for a name on the given networks: the addresses of every endpoint
     * that has the name; empty when no endpoint has it (the resolver then asks upstream).
     */
    public synchronized Optional<List<InetAddress>> resolve(Set<String> networkIds, String name) {
        List<InetAddress> out = new ArrayList<>();
        boolean known = false;
        for (String id : networkIds) {
            Managed m = networks.get(id);
            if (m == null || m.network.isDefaultBridge()) {
                continue;
            }
            for (Attachment a : m.attachments.values()) {
                if (a.names().stream().anyMatch(x -> x.equalsIgnoreCase(name))) {
                    known = true;
                    if (!a.endpoint().ipv4().isEmpty()) {
                        out.add(Subnet.ip(a.endpoint().ipv4()));
                    }
                    if (!a.endpoint().ipv6().isEmpty()) {
                        out.add(Subnet.ip(a.endpoint().ipv6()));
                    }
                }
            }
        }
        return known ? Optional.of(out) : Optional.empty();
    }

    // ---- firewall -------------------------------------------------------------------------------

    /** Rebuilds berthd's table from the current state, in one transaction. */
    public synchronized void applyFirewall() throws IOException {
        List<FirewallModel.Bridge> bridges = new ArrayList<>();
        for (Managed m : networks.values()) {
            Network n = m.network;
            if (!n.isBridge()) {
                continue;
            }
            bridges.add(new FirewallModel.Bridge(n.bridgeName(), m.pools4.stream().map(p -> p.subnet().toString()).toList(),
                    m.pools6.stream().map(p -> p.subnet().toString()).toList(), n.icc(), n.masquerade(), n.internal()));
        }
        firewall.apply(new FirewallModel(bridges, forwards.values().stream().flatMap(List::stream).toList(),
                linkRules.values().stream().flatMap(List::stream).toList()));
    }

    /**
     * At daemon stop: with no container running, the firewall keeps nothing of ours; otherwise the rules
     * stay so published ports go on working until berthd is back.
     */
    public synchronized void shutdown(boolean containersRunning) {
        reservations.releaseAll();
        if (containersRunning) {
            return;
        }
        try {
            firewall.clear();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove nftables table " + firewall.table() + ": " + e.getMessage());
        }
    }

    // ---- state ----------------------------------------------------------------------------------

    private void load() throws IOException {
        List<Network> stored = new ArrayList<>();
        try (Stream<Path> files = Files.list(settings.stateDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    stored.add(OciJson.mapper().readValue(f.toFile(), Network.class));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping unreadable network file " + f + ": " + e.getMessage());
                }
            }
        }
        Optional<Network> oldBridge = stored.stream().filter(Network::isDefaultBridge).findFirst();
        stored.removeIf(Network::isDefaultBridge);
        if (!settings.bridgeDisabled()) {
            Network bridge = defaultBridgeNetwork(oldBridge.map(Network::id).orElseGet(NetworkController::newId),
                    oldBridge.map(Network::created).orElseGet(() -> Instant.now().toString()), stored);
            stored.addFirst(bridge);
            store(bridge);
        } else if (oldBridge.isPresent()) {
            Files.deleteIfExists(file(oldBridge.get().id()));
        }
        for (String predefined : List.of("host", "none")) {
            if (stored.stream().noneMatch(n -> n.name().equals(predefined))) {
                Network n = new Network(predefined, newId(), Instant.now().toString(), "local",
                        predefined.equals("none") ? "null" : "host", true, false,
                        new Network.Ipam("default", Map.of(), List.of()), false, false, false, Map.of(), Map.of());
                store(n);
                stored.add(n);
            }
        }
        for (Network n : stored) {
            Managed m = new Managed(n);
            pools(m);
            networks.put(n.id(), m);
            if (n.isBridge()) {
                driver(n).createNetwork(n);
            }
        }
    }

    /** The default bridge from the daemon's options: {@code --bip}, the user's bridge's address, or a free /16. */
    private Network defaultBridgeNetwork(String id, String created, List<Network> others) throws IOException {
        String br = settings.defaultBridgeName();
        Subnet subnet;
        String gateway;
        if (!settings.bip().isEmpty()) {
            subnet = Subnet.parse(settings.bip());
            gateway = settings.bip().substring(0, settings.bip().indexOf('/'));
            if (Subnet.ip(gateway).equals(subnet.network())) {
                gateway = Subnet.text(subnet.address(1));
            }
        } else {
            Optional<String> existing = IpRoute.linkExists(br)
                    ? IpRoute.addresses(br).stream().filter(a -> !a.contains(":")).findFirst() : Optional.empty();
            if (existing.isPresent()) {
                subnet = Subnet.parse(existing.get());
                gateway = existing.get().substring(0, existing.get().indexOf('/'));
            } else {
                List<Subnet> used = new ArrayList<>(hostRoutes(Set.of(br)));
                others.forEach(n -> n.ipam().config().forEach(c -> used.add(Subnet.parse(c.subnet()))));
                subnet = new SubnetPicker(SubnetPicker.DEFAULT_BRIDGE_POOLS).pick(used)
                        .orElseThrow(() -> new IOException("no free subnet for the default bridge in 172.17-31.0.0/16;"
                                + " give one with --bip"));
                gateway = Subnet.text(subnet.address(1));
            }
        }
        List<Network.IpamConfig> configs = new ArrayList<>();
        configs.add(new Network.IpamConfig(subnet.toString(), settings.fixedCidr(), gateway, Map.of()));
        if (settings.ipv6() && !settings.fixedCidrV6().isEmpty()) {
            Subnet v6 = Subnet.parse(settings.fixedCidrV6());
            configs.add(new Network.IpamConfig(v6.toString(), "", Subnet.text(v6.address(1)), Map.of()));
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put(Network.DEFAULT_BRIDGE, "true");
        options.put(Network.ICC, Boolean.toString(settings.icc()));
        options.put(Network.MASQUERADE, Boolean.toString(settings.ipMasq()));
        options.put(Network.HOST_BINDING, settings.hostIp());
        options.put(Network.BRIDGE_NAME, br);
        options.put(Network.MTU, Integer.toString(settings.mtu()));
        return new Network("bridge", id, created, "local", "bridge", true, settings.ipv6(),
                new Network.Ipam("default", Map.of(), configs), false, false, false, options, Map.of());
    }

    /** Host routes, without those through our own bridges (which are ours to reuse). */
    private List<Subnet> hostRoutes(Set<String> ownBridges) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/route")).stream()
                .filter(l -> !ownBridges.contains(l.trim().split("\\s+")[0])).toList();
        return SubnetPicker.hostRoutes(lines);
    }

    /** The subnets a new network asks for, or one picked from the default pools. */
    private List<Network.IpamConfig> ipamConfigs(List<Network.IpamConfig> asked, boolean ipv6) throws IOException {
        List<Network.IpamConfig> out = new ArrayList<>();
        List<Subnet> used = new ArrayList<>();
        for (Managed m : networks.values()) {
            m.pools4.forEach(p -> used.add(p.subnet()));
            m.pools6.forEach(p -> used.add(p.subnet()));
        }
        boolean hasV4 = false;
        for (Network.IpamConfig c : asked) {
            if (c.subnet() == null || c.subnet().isEmpty()) {
                throw new IllegalArgumentException("invalid pool request: a subnet is required with gateway, ip-range or aux-address");
            }
            Subnet s = Subnet.parse(c.subnet());
            if (used.stream().anyMatch(s::overlaps)) {
                throw new ForbiddenException("invalid pool request: Pool overlaps with other one on this address space");
            }
            used.add(s);
            hasV4 |= !s.isIpv6();
            String gw = c.gateway().isEmpty() ? Subnet.text(s.address(1)) : c.gateway();
            if (!s.contains(Subnet.ip(gw))) {
                throw new IllegalArgumentException("invalid pool request: gateway " + gw + " does not belong to subnet " + s);
            }
            out.add(new Network.IpamConfig(s.toString(), c.ipRange(), gw, c.auxAddresses()));
        }
        if (!hasV4) {
            used.addAll(hostRoutes(networks.values().stream().filter(m -> m.network.isBridge())
                    .map(m -> m.network.bridgeName()).collect(java.util.stream.Collectors.toSet())));
            Subnet s = new SubnetPicker(settings.pools()).pick(used).orElseThrow(() -> new ForbiddenException(
                    "all predefined address pools have been fully subnetted"));
            out.addFirst(new Network.IpamConfig(s.toString(), "", Subnet.text(s.address(1)), Map.of()));
        }
        if (ipv6 && out.stream().noneMatch(c -> c.subnet().contains(":"))) {
            throw new IllegalArgumentException("non-overlapping IPv6 address pool(s) required: give --subnet with an IPv6 prefix");
        }
        return out;
    }

    private static void pools(Managed m) {
        for (Network.IpamConfig c : m.network.ipam().config()) {
            Subnet s = Subnet.parse(c.subnet());
            Map<String, InetAddress> aux = new LinkedHashMap<>();
            c.auxAddresses().forEach((k, v) -> aux.put(k, Subnet.ip(v)));
            Optional<Subnet> range = c.ipRange().isEmpty() ? Optional.empty() : Optional.of(Subnet.parse(c.ipRange()));
            AddressPool p = new AddressPool(s, range, c.gateway().isEmpty() ? null : Subnet.ip(c.gateway()), aux);
            (s.isIpv6() ? m.pools6 : m.pools4).add(p);
        }
    }

    private Managed managed(String ref) {
        Managed exact = networks.get(ref);
        if (exact != null) {
            return exact;
        }
        for (Managed m : networks.values()) {
            if (m.network.name().equals(ref)) {
                return m;
            }
        }
        List<Managed> byPrefix = ref.isEmpty() ? List.of()
                : networks.values().stream().filter(m -> m.network.id().startsWith(ref)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst();
        }
        if (byPrefix.size() > 1) {
            throw new IllegalArgumentException("network " + ref + " is ambiguous (" + byPrefix.size() + " matches found based on ID prefix)");
        }
        throw new NotFoundException("network " + ref + " not found");
    }

    private NetworkDriver driver(Network n) {
        NetworkDriver d = drivers.get(n.driver());
        if (d == null) {
            throw new NotFoundException("could not find plugin " + n.driver() + " in v1 plugin registry: plugin not found");
        }
        return d;
    }

    private void store(Network n) throws IOException {
        AtomicFiles.write(file(n.id()), OciJson.mapper().writeValueAsBytes(n));
    }

    private Path file(String id) {
        return settings.stateDir().resolve(id + ".json");
    }

    private static void deleteQuietly(NetworkDriver d, Network n) {
        try {
            d.deleteNetwork(n);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the bridge of " + n.name() + ": " + e.getMessage());
        }
    }

    static String newId() {
        return HexFormat.of().formatHex(randomBytes(32));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
