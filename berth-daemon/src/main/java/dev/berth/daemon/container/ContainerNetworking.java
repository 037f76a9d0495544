package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.linux.AtomicFiles;
import dev.berth.network.Endpoint;
import dev.berth.network.EndpointRequest;
import dev.berth.network.Network;
import dev.berth.network.NetworkController;
import dev.berth.network.PortBinding;
import dev.berth.network.PortRequest;
import dev.berth.network.firewall.FirewallModel;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.ForbiddenException;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers on networks: what a create asks for, the sandbox and endpoints made before each start and
 * taken down after each stop, live connect and disconnect, and the restore of running containers'
 * endpoints after berthd restarts. State per container is {@code network.json} in its directory.
 */
public final class ContainerNetworking {
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private final NetworkController controller;
    private final ContainerStore store;
    private final ContainerDns dns;
    private final java.util.function.Supplier<dev.berth.daemon.config.DaemonConfig> config;
    private final Map<String, NetworkState> states = new ConcurrentHashMap<>();

    /** What the runtime needs from a set-up: the namespace to join (empty: as the HostConfig says) and link variables. */
    public record Prepared(Optional<Path> netns, List<String> env) {
    }

    public ContainerNetworking(NetworkController controller, ContainerStore store, ContainerDns dns,
                               java.util.function.Supplier<dev.berth.daemon.config.DaemonConfig> config) {
        this.controller = controller;
        this.store = store;
        this.dns = dns;
        this.config = config;
    }

    public ContainerDns dns() {
        return dns;
    }

    public NetworkController controller() {
        return controller;
    }

    // ---- create ---------------------------------------------------------------------------------

    /**
     * The networks a new container goes on, from {@code HostConfig.NetworkMode} and
     * {@code NetworkingConfig.EndpointsConfig}; unknown networks are Docker's 404 before anything is made.
     */
    public NetworkState plan(HostConfigView hc, JsonNode networkingConfig) {
        String mode = hc.networkMode();
        if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
            if (mode.startsWith("container:")) {
                store.resolve(mode.substring(10));
            }
            if (!hc.json().path("PortBindings").isEmpty() && !mode.equals("none")) {
                // Docker ignores published ports in host mode with a warning; with container: it refuses.
                if (mode.startsWith("container:")) {
                    throw new InvalidArgumentException("conflicting options: port publishing and the container type network mode");
                }
            }
            Network n = mode.startsWith("container:") ? null : controller.find(mode);
            return n == null ? NetworkState.empty()
                    : NetworkState.empty().withNetwork(n.name(), new NetworkState.Attach(n.id(), "", "", "", List.of(),
                    List.of(), null));
        }
        Map<String, NetworkState.Attach> nets = new LinkedHashMap<>();
        JsonNode endpoints = networkingConfig == null ? null : networkingConfig.get("EndpointsConfig");
        String raw = hc.text("NetworkMode");
        boolean byDefault = raw.isEmpty() || raw.equals("default");
        String primary = byDefault ? "bridge" : raw;
        Optional<Network> first = byDefault ? controller.defaultBridge() : Optional.of(controller.find(primary));
        if (first.isPresent()) {
            Network n = first.get();
            JsonNode cfg = endpointConfig(endpoints, n, primary);
            nets.put(n.name(), attach(n, cfg, hc.strings("Links")));
        }
        if (endpoints != null) {
            for (var it = endpoints.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equals(raw) || e.getKey().equals("default") || e.getKey().equals(primary)) {
                    continue;
                }
                Network n = controller.find(e.getKey());
                if (!nets.containsKey(n.name())) {
                    if (n.name().equals("host") || n.name().equals("none")) {
                        throw new InvalidArgumentException("container cannot be connected to multiple networks with one of the networks in private (none) mode");
                    }
                    nets.put(n.name(), attach(n, e.getValue(), List.of()));
                }
            }
        }
        return new NetworkState(nets, "", List.of());
    }

    private static JsonNode endpointConfig(JsonNode endpoints, Network n, String asked) {
        if (endpoints == null) {
            return null;
        }
        for (String key : List.of(asked, n.name(), n.id(), "default")) {
            if (endpoints.has(key)) {
                return endpoints.get(key);
            }
        }
        return null;
    }

    private static NetworkState.Attach attach(Network n, JsonNode cfg, List<String> links) {
        if (cfg == null || cfg.isNull()) {
            return new NetworkState.Attach(n.id(), "", "", "", List.of(), links, null);
        }
        JsonNode ipam = cfg.path("IPAMConfig");
        List<String> aliases = new ArrayList<>();
        cfg.path("Aliases").forEach(a -> aliases.add(a.asText()));
        List<String> allLinks = new ArrayList<>(links);
        cfg.path("Links").forEach(l -> allLinks.add(l.asText()));
        String ipv4 = ipam.path("IPv4Address").asText("");
        String ipv6 = ipam.path("IPv6Address").asText("");
        if ((!ipv4.isEmpty() || !ipv6.isEmpty()) && (n.isDefaultBridge() || n.ipam().config().isEmpty() && !n.isBridge())) {
            throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
        }
        if (!ipv4.isEmpty() && n.ipam().config().stream().noneMatch(c -> !c.subnet().contains(":"))) {
            throw new InvalidArgumentException("user specified IP address is supported only when connecting to networks with user configured subnets");
        }
        return new NetworkState.Attach(n.id(), ipv4, ipv6, cfg.path("MacAddress").asText(""), aliases, allLinks, null);
    }

    public void save(String id, NetworkState s) throws IOException {
        AtomicFiles.write(file(id), OciJson.mapper().writeValueAsBytes(s));
        states.put(id, s);
    }

    public NetworkState state(String id) {
        return states.computeIfAbsent(id, this::read);
    }

    public void forget(String id) {
        states.remove(id);
    }

    private NetworkState read(String id) {
        Path f = file(id);
        try {
            return Files.exists(f) ? OciJson.mapper().readValue(f.toFile(), NetworkState.class) : NetworkState.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable network state of " + id + ": " + e.getMessage());
            return NetworkState.empty();
        }
    }

    private Path file(String id) {
        return store.dir(id).resolve("network.json");
    }

    // ---- start and stop -------------------------------------------------------------------------

    /**
     * Before the runtime creates the container (between create and start for one that owns its network namespace):
     * sandbox, endpoints, ports, names, files. Undone on failure.
     *
     * @param createdPid the init pid of a container the runtime already created in its own network
     *                   namespace (which becomes the sandbox); empty to make a new sandbox first
     */
    public Prepared setUp(ContainerRecord r, Path containerDir, Optional<Integer> createdPid) throws IOException {
        HostConfigView hc = HostConfigView.of(r.hostConfig());
        String mode = hc.networkMode();
        if (mode.equals("host") || mode.startsWith("container:")) {
            ContainerFiles.writeHosts(containerDir, r.config().hostname(), List.of(), hc.strings("ExtraHosts"));
            return new Prepared(Optional.empty(), List.of());
        }
        NetworkState s = state(r.id());
        Path sandbox = createdPid.isPresent() ? controller.sandboxes().adopt(r.id(), createdPid.get())
                : controller.sandboxes().create(r.id());
        NetworkState running = s.running(sandbox.toString(), List.of());
        List<String> env = new ArrayList<>();
        try {
            int index = 0;
            List<String> ownIps = new ArrayList<>();
            List<String[]> linkHosts = new ArrayList<>();
            List<FirewallModel.LinkRule> linkRules = new ArrayList<>();
            for (Map.Entry<String, NetworkState.Attach> e : s.networks().entrySet()) {
                Network n = controller.find(e.getValue().networkId());
                if (!n.isBridge()) {
                    continue;
                }
                NetworkState.Attach a = e.getValue();
                Endpoint ep = controller.connect(r.id(), r.shortName(), n, new EndpointRequest(a.ipv4(), a.ipv6(),
                        a.mac(), a.aliases()), sandbox, index == 0, index, dnsNames(r, a));
                index++;
                running = running.withNetwork(e.getKey(), a.withEndpoint(ep));
                if (!ep.ipv4().isEmpty()) {
                    ownIps.add(ep.ipv4());
                }
                if (!ep.ipv6().isEmpty()) {
                    ownIps.add(ep.ipv6());
                }
                if (n.isDefaultBridge()) {
                    // on user-defined networks a link is a name only this container resolves (see linkAliases)
                    links(r, n, ep, a.links(), env, linkHosts, linkRules);
                }
            }
            Optional<Endpoint> primary = running.primary();
            List<PortRequest> requests = PortRequests.of(hc, r.config());
            List<PortBinding> ports = List.of();
            if (primary.isPresent() && !requests.isEmpty()) {
                ports = controller.publish(r.id(), primary.get().ipv4(), requests,
                        r.shortName() + " (" + primary.get().id() + ")");
            }
            controller.allowLinks(r.id(), linkRules);
            running = running.running(sandbox.toString(), ports);
            ContainerFiles.writeHosts(containerDir, r.config().hostname(), ownIps.isEmpty() ? List.of()
                    : List.of(ownIps.getFirst()), hc.strings("ExtraHosts"), linkHosts);
            boolean userDefined = running.networks().values().stream()
                    .anyMatch(a -> a.endpoint() != null && !controller.find(a.networkId()).isDefaultBridge());
            ContainerFiles.writeResolvConf(containerDir, userDefined, false, dnsServers(hc), dnsSearch(hc), dnsOptions(hc));
            if (userDefined) {
                dns.start(r.id(), sandbox, networkIds(running), linkAliases(running));
            }
            save(r.id(), running);
            return new Prepared(Optional.of(sandbox), env);
        } catch (IOException | RuntimeException e) {
            undo(r.id(), running, sandbox);
            throw e;
        }
    }

    /** The legacy-link variables alone, for a container whose network is set up after the runtime created it. */
    public Prepared linkEnvironment(ContainerRecord r) {
        List<String> env = new ArrayList<>();
        for (NetworkState.Attach a : state(r.id()).networks().values()) {
            Network n = controller.find(a.networkId());
            if (!n.isDefaultBridge()) {
                continue;
            }
            for (String text : a.links()) {
                Link link = Link.parse(text);
                Peer peer = linkedPeer(r, n, link);
                env.addAll(LinkVariables.of(link.alias(), r.shortName(), peer.record(), peer.ip()));
            }
        }
        return new Prepared(Optional.empty(), env);
    }

    /** After the container stopped: ports, endpoints, DNS and the sandbox go; the requests stay. */
    public void tearDown(String id) {
        NetworkState s = state(id);
        Path sandbox = s.sandboxKey().isEmpty() ? null : Path.of(s.sandboxKey());
        undo(id, s, sandbox);
        try {
            if (Files.exists(store.dir(id))) {
                save(id, s.stopped());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not store the network state of " + id + ": " + e.getMessage());
        }
    }

    private void undo(String id, NetworkState s, Path sandbox) {
        dns.stop(id);
        try {
            controller.unpublish(id);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the port rules of " + id + ": " + e.getMessage());
        }
        for (NetworkState.Attach a : s.networks().values()) {
            if (a.endpoint() == null) {
                continue;
            }
            controller.lookup(a.networkId()).ifPresent(n -> controller.release(n, a.endpoint()));
        }
        if (sandbox != null || controller.sandboxes().exists(id)) {
            try {
                controller.sandboxes().delete(id);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not remove the sandbox of " + id + ": " + e.getMessage());
            }
        }
    }

    // ---- connect and disconnect -----------------------------------------------------------------

    /** {@code POST /networks/{id}/connect}: recorded for a stopped container, made at once for a running one. */
    public synchronized void connect(Container c, Network n, JsonNode endpointConfig) throws IOException {
        ContainerRecord r = c.record();
        String mode = HostConfigView.of(r.hostConfig()).networkMode();
        if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
            throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
        }
        if (NetworkController.isPredefined(n) && !n.isDefaultBridge()) {
            throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
        }
        NetworkState s = state(r.id());
        if (s.networks().containsKey(n.name())) {
            throw new ForbiddenException("endpoint with name " + r.shortName() + " already exists in network " + n.name());
        }
        NetworkState.Attach a = attach(n, endpointConfig, List.of());
        if (!r.state().running()) {
            save(r.id(), s.withNetwork(n.name(), a));
            return;
        }
        Path sandbox = Path.of(s.sandboxKey());
        int index = nextIndex(s);
        Endpoint ep = controller.connect(r.id(), r.shortName(), n, new EndpointRequest(a.ipv4(), a.ipv6(), a.mac(),
                a.aliases()), sandbox, false, index, dnsNames(r, a));
        NetworkState next = s.withNetwork(n.name(), a.withEndpoint(ep));
        try {
            save(r.id(), next);
        } catch (IOException e) {
            controller.disconnect(n, ep, sandbox);
            throw e;
        }
        if (!n.isDefaultBridge()) {
            dns.start(r.id(), sandbox, networkIds(next), linkAliases(next));
        }
    }

    public synchronized void disconnect(Container c, Network n, boolean force) throws IOException {
        ContainerRecord r = c.record();
        NetworkState s = state(r.id());
        NetworkState.Attach a = s.networks().get(n.name());
        if (a == null) {
            if (force) {
                return;
            }
            throw new ForbiddenException("container " + r.id() + " is not connected to network " + n.name());
        }
        if (a.endpoint() != null) {
            controller.disconnect(n, a.endpoint(), Path.of(s.sandboxKey()));
        }
        NetworkState next = s.withoutNetwork(n.name());
        save(r.id(), next);
        if (r.state().running()) {
            dns.start(r.id(), Path.of(s.sandboxKey()), networkIds(next), linkAliases(next));
        }
    }

    private static int nextIndex(NetworkState s) {
        Set<String> used = new HashSet<>();
        s.networks().values().forEach(a -> {
            if (a.endpoint() != null) {
                used.add(a.endpoint().ifName());
            }
        });
        int i = 0;
        while (used.contains("eth" + i)) {
            i++;
        }
        return i;
    }

    // ---- restore --------------------------------------------------------------------------------

    /**
     * After a daemon restart, before containers are restored: endpoints of containers that were running
     * claim their addresses, ports and DNS again; sandboxes nobody owns are removed; the firewall is rebuilt.
     */
    public void restore(List<Container> all) {
        Set<String> owned = new HashSet<>();
        for (Container c : all) {
            ContainerRecord r = c.record();
            NetworkState s = state(r.id());
            if (!r.state().running() || s.sandboxKey().isEmpty()) {
                continue;
            }
            owned.add(controller.sandboxes().path(r.id()).getFileName().toString());
            for (NetworkState.Attach a : s.networks().values()) {
                if (a.endpoint() != null && !controller.restore(r.id(), r.shortName(), a.networkId(), a.endpoint(),
                        dnsNames(r, a))) {
                    LOG.log(System.Logger.Level.WARNING, "endpoint " + a.endpoint().id() + " of " + r.id()
                            + " could not be restored (network gone or address taken)");
                }
            }
            s.primary().ifPresent(p -> controller.restorePorts(r.id(), p.ipv4(), s.ports()));
            if (s.networks().values().stream().anyMatch(a -> a.endpoint() != null
                    && controller.lookup(a.networkId()).map(n -> !n.isDefaultBridge()).orElse(false))) {
                try {
                    dns.start(r.id(), Path.of(s.sandboxKey()), networkIds(s), linkAliases(s));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not restart DNS for " + r.id() + ": " + e.getMessage());
                }
            }
        }
        try {
            for (String sb : controller.sandboxes().list()) {
                if (!owned.contains(sb)) {
                    controller.sandboxes().delete(sb);
                }
            }
            controller.applyFirewall();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not restore the firewall: " + e.getMessage());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static List<String> dnsNames(ContainerRecord r, NetworkState.Attach a) {
        List<String> names = new ArrayList<>();
        names.add(r.shortName());
        names.addAll(a.aliases());
        names.add(r.id().substring(0, 12));
        return names;
    }

    /** {@code --link NAME:ALIAS} on user-defined networks: alias → the linked container's name, lower-cased as DNS asks. */
    private Map<String, String> linkAliases(NetworkState s) {
        Map<String, String> out = new java.util.HashMap<>();
        for (NetworkState.Attach a : s.networks().values()) {
            if (controller.lookup(a.networkId()).map(Network::isDefaultBridge).orElse(true)) {
                continue;
            }
            for (String text : a.links()) {
                Link link = Link.parse(text);
                out.put(link.alias().toLowerCase(java.util.Locale.ROOT), link.target().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private Set<String> networkIds(NetworkState s) {
        Set<String> ids = new HashSet<>();
        s.networks().values().forEach(a -> {
            if (a.endpoint() != null) {
                ids.add(a.networkId());
            }
        });
        return ids;
    }

    private List<String> dnsServers(HostConfigView hc) {
        return hc.strings("Dns").isEmpty() ? config.get().network().dns() : hc.strings("Dns");
    }

    private List<String> dnsSearch(HostConfigView hc) {
        return hc.strings("DnsSearch").isEmpty() ? config.get().network().dnsSearch() : hc.strings("DnsSearch");
    }

    private List<String> dnsOptions(HostConfigView hc) {
        return hc.strings("DnsOptions").isEmpty() ? config.get().network().dnsOptions() : hc.strings("DnsOptions");
    }

    /**
     * Legacy links ({@code --link NAME:ALIAS}): the alias in /etc/hosts, Docker's environment variables,
     * and on an icc=false bridge the rules that let this container reach the linked one's exposed ports.
     */
    private void links(ContainerRecord r, Network n, Endpoint own, List<String> links, List<String> env,
                       List<String[]> hosts, List<FirewallModel.LinkRule> rules) {
        for (String text : links) {
            Link link = Link.parse(text);
            Peer peer = linkedPeer(r, n, link);
            ContainerRecord p = peer.record();
            hosts.add(new String[] {peer.ip(), link.alias() + " " + p.id().substring(0, 12) + " " + p.shortName()});
            env.addAll(LinkVariables.of(link.alias(), r.shortName(), p, peer.ip()));
            for (String port : exposed(p)) {
                String[] pp = port.split("/");
                rules.add(new FirewallModel.LinkRule(n.bridgeName(), own.ipv4(), peer.ip(), pp[1], Integer.parseInt(pp[0])));
            }
        }
    }

    /** A linked container and its address on the network. */
    private record Peer(ContainerRecord record, String ip) {
    }

    /** The running container a link names, with its address on {@code n}; Docker's errors when there is none. */
    private Peer linkedPeer(ContainerRecord r, Network n, Link link) {
        ContainerRecord p = store.resolve(link.target()).record();
        if (!p.state().running()) {
            throw new ConflictException("Cannot link to a non running container: /" + p.shortName() + " AS /"
                    + r.shortName() + "/" + link.alias());
        }
        NetworkState.Attach pa = state(p.id()).networks().get(n.name());
        if (pa == null || pa.endpoint() == null || pa.endpoint().ipv4().isEmpty()) {
            throw new InvalidArgumentException("Cannot link to /" + p.shortName() + ", as it does not belong to the"
                    + " network of the container");
        }
        return new Peer(p, pa.endpoint().ipv4());
    }

    /** The container's exposed ports as {@code PORT/PROTO} (tcp where the image left it out), by port number. */
    static List<String> exposed(ContainerRecord p) {
        List<String> out = new ArrayList<>();
        if (p.config().exposedPorts() != null) {
            p.config().exposedPorts().keySet().forEach(k -> out.add(k.contains("/") ? k : k + "/tcp"));
        }
        out.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.split("/")[0].split("-")[0])));
        return out;
    }

    /** {@code NAME:ALIAS}, {@code NAME}, or dockerd's stored form {@code /NAME:/CONTAINER/ALIAS}. */
    record Link(String target, String alias) {
        static Link parse(String text) {
            String[] parts = text.split(":", 2);
            String target = parts[0].startsWith("/") ? parts[0].substring(1) : parts[0];
            String alias = parts.length > 1 ? parts[1] : target;
            return new Link(target, alias.substring(alias.lastIndexOf('/') + 1));
        }
    }
}
