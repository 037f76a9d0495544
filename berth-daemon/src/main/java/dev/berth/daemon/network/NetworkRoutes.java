package dev.berth.daemon.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.daemon.api.Filters;
import dev.berth.daemon.container.Container;
import dev.berth.daemon.container.ContainerContext;
import dev.berth.daemon.events.EventLog;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import dev.berth.network.Attachment;
import dev.berth.network.Network;
import dev.berth.network.NetworkController;
import dev.berth.network.NetworkRequest;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /networks} routes: create, list, inspect, remove, connect, disconnect, prune. */
public final class NetworkRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");
    private final NetworkController controller;
    private final ContainerContext containers;
    private final EventLog events;

    public NetworkRoutes(NetworkController controller, ContainerContext containers, EventLog events) {
        this.controller = controller;
        this.containers = containers;
        this.events = events;
    }

    public void register(Router r) {
        r.route("POST", "/networks/create", this::create);
        r.route("GET", "/networks", this::list);
        r.route("POST", "/networks/prune", this::prune);
        r.route("GET", "/networks/{id}", this::inspect);
        r.route("DELETE", "/networks/{id}", this::remove);
        r.route("POST", "/networks/{id}/connect", this::connect);
        r.route("POST", "/networks/{id}/disconnect", this::disconnect);
    }

    private void create(HttpRequest req, HttpResponse res) throws IOException {
        JsonNode b = req.jsonTree();
        String name = b.path("Name").asText("");
        if (name.isEmpty()) {
            throw new InvalidArgumentException("network name is required");
        }
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new InvalidArgumentException("invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        boolean ipv6 = b.path("EnableIPv6").asBoolean(false) || b.path("enableIPv6").asBoolean(false);
        List<Network.IpamConfig> ipam = new ArrayList<>();
        for (JsonNode c : b.path("IPAM").path("Config")) {
            Map<String, String> aux = strings(c.path("AuxiliaryAddresses"));
            ipam.add(new Network.IpamConfig(c.path("Subnet").asText(""), c.path("IPRange").asText(""),
                    c.path("Gateway").asText(""), aux));
        }
        if (b.path("ConfigOnly").asBoolean(false) || b.path("Ingress").asBoolean(false)) {
            throw new InvalidArgumentException("config-only and ingress networks need swarm mode, which berthd does not run");
        }
        String driver = b.path("Driver").asText("");
        Network n = controller.create(new NetworkRequest(name, driver.isEmpty() ? "bridge" : driver, ipv6,
                b.path("Internal").asBoolean(false), b.path("Attachable").asBoolean(false), strings(b.path("Labels")),
                strings(b.path("Options")), b.path("IPAM").path("Driver").asText(""), ipam));
        events.publish("network", "create", n.id(), Map.of("name", n.name(), "type", n.driver()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", n.id());
        out.put("Warning", "");
        res.json(201, out);
    }

    private void list(HttpRequest req, HttpResponse res) throws IOException {
        Filters f = Filters.parse(req.query("filters"), LIST_FILTERS);
        java.util.Optional<Boolean> dangling = f.bool("dangling");
        List<Map<String, Object>> out = new ArrayList<>();
        controller.list().stream()
                .filter(n -> f.anyMatches("name", x -> n.name().contains(x)))
                .filter(n -> f.anyMatches("id", x -> n.id().startsWith(x)))
                .filter(n -> f.anyMatches("driver", x -> x.equals(n.driver())))
                .filter(n -> f.anyMatches("scope", x -> x.equals(n.scope())))
                .filter(n -> f.anyMatches("type", x -> x.equals(NetworkController.isPredefined(n) ? "builtin" : "custom")))
                .filter(n -> f.labelsMatch(n.labels()))
                .filter(n -> dangling.map(d -> d == (!NetworkController.isPredefined(n)
                        && controller.attachments(n.id()).isEmpty() && usersOf(n).isEmpty())).orElse(true))
                .sorted(Comparator.comparing(Network::name))
                .forEach(n -> out.add(view(n, false)));
        res.json(200, out);
    }

    private void inspect(HttpRequest req, HttpResponse res) throws IOException {
        res.json(200, view(controller.find(req.pathParam("id")), true));
    }

    private void remove(HttpRequest req, HttpResponse res) throws IOException {
        Network n = controller.find(req.pathParam("id"));
        List<String> users = usersOf(n);
        if (!users.isEmpty() && controller.attachments(n.id()).isEmpty() && !NetworkController.isPredefined(n)) {
            throw new dev.berth.oci.error.ForbiddenException("error while removing network: network " + n.name()
                    + " id " + n.id() + " has active endpoints");
        }
        controller.remove(n.id());
        events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", n.driver()));
        res.empty(204);
    }

    private void connect(HttpRequest req, HttpResponse res) throws IOException {
        Network n = controller.find(req.pathParam("id"));
        JsonNode b = req.jsonTree();
        Container c = containers.store().resolve(b.path("Container").asText(""));
        JsonNode cfg = b.get("EndpointConfig");
        containers.networking().connect(c, n, cfg);
        events.publish("network", "connect", n.id(), Map.of("container", c.id(), "name", n.name(), "type", n.driver()));
        res.empty(200);
    }

    private void disconnect(HttpRequest req, HttpResponse res) throws IOException {
        Network n = controller.find(req.pathParam("id"));
        JsonNode b = req.jsonTree();
        String ref = b.path("Container").asText("");
        boolean force = b.path("Force").asBoolean(false);
        java.util.Optional<Container> c = containers.store().find(ref);
        if (c.isEmpty()) {
            if (force) {
                res.empty(200);
                return;
            }
            throw new dev.berth.oci.error.NotFoundException("No such container: " + ref);
        }
        containers.networking().disconnect(c.get(), n, force);
        events.publish("network", "disconnect", n.id(), Map.of("container", c.get().id(), "name", n.name(),
                "type", n.driver()));
        res.empty(200);
    }

    private void prune(HttpRequest req, HttpResponse res) throws IOException {
        Filters f = Filters.parse(req.query("filters"), Set.of("until", "label", "label!"));
        java.util.Optional<Instant> until = f.get("until").stream().findFirst().map(NetworkRoutes::instant);
        List<String> deleted = new ArrayList<>();
        for (Network n : controller.list()) {
            if (NetworkController.isPredefined(n) || !controller.attachments(n.id()).isEmpty() || !usersOf(n).isEmpty()
                    || !f.labelsMatch(n.labels())
                    || until.map(u -> !Instant.parse(n.created()).isBefore(u)).orElse(false)) {
                continue;
            }
            controller.remove(n.id());
            events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", n.driver()));
            deleted.add(n.name());
        }
        events.publish("network", "prune", "", Map.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("NetworksDeleted", deleted.isEmpty() ? null : deleted);
        res.json(200, out);
    }

    /** {@code until} as a timestamp (RFC 3339 or Unix seconds) or a Go duration before now. */
    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Instant.ofEpochSecond((long) Double.parseDouble(s));
            } catch (NumberFormatException n) {
                return Instant.now().minusNanos(dev.berth.oci.GoDuration.parseNanos(s));
            }
        }
    }

    /** Containers (running or not) that are set to use the network. */
    private List<String> usersOf(Network n) {
        List<String> out = new ArrayList<>();
        for (Container c : containers.store().all()) {
            if (containers.networking().state(c.id()).networks().values().stream()
                    .anyMatch(a -> a.networkId().equals(n.id()))) {
                out.add(c.id());
            }
        }
        return out;
    }

    private Map<String, Object> view(Network n, boolean detailed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", n.name());
        m.put("Id", n.id());
        m.put("Created", n.created());
        m.put("Scope", n.scope());
        m.put("Driver", n.driver());
        m.put("EnableIPv4", n.enableIpv4());
        m.put("EnableIPv6", n.enableIpv6());
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("Driver", n.ipam().driver());
        ipam.put("Options", n.ipam().options());
        List<Map<String, Object>> configs = new ArrayList<>();
        for (Network.IpamConfig c : n.ipam().config()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("Subnet", c.subnet());
            if (!c.ipRange().isEmpty()) {
                cm.put("IPRange", c.ipRange());
            }
            if (!c.gateway().isEmpty()) {
                cm.put("Gateway", c.gateway());
            }
            if (!c.auxAddresses().isEmpty()) {
                cm.put("AuxiliaryAddresses", c.auxAddresses());
            }
            configs.add(cm);
        }
        ipam.put("Config", configs);
        m.put("IPAM", ipam);
        m.put("Internal", n.internal());
        m.put("Attachable", n.attachable());
        m.put("Ingress", n.ingress());
        m.put("ConfigFrom", Map.of("Network", ""));
        m.put("ConfigOnly", false);
        Map<String, Object> attached = new LinkedHashMap<>();
        for (Attachment a : detailed ? controller.attachments(n.id()) : List.<Attachment>of()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Name", a.containerName());
            e.put("EndpointID", a.endpoint().id());
            e.put("MacAddress", a.endpoint().mac());
            e.put("IPv4Address", a.endpoint().ipv4().isEmpty() ? "" : a.endpoint().ipv4() + "/" + a.endpoint().prefix());
            e.put("IPv6Address", a.endpoint().ipv6().isEmpty() ? "" : a.endpoint().ipv6() + "/" + a.endpoint().prefix6());
            attached.put(a.containerId(), e);
        }
        m.put("Containers", attached);
        m.put("Options", n.options());
        m.put("Labels", n.labels());
        return m;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
