package dev.berth.daemon.container;

import dev.berth.network.Endpoint;
import dev.berth.network.Network;
import dev.berth.network.NetworkController;
import dev.berth.network.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A container's networking as inspect ({@code NetworkSettings}) and the list ({@code Ports}, {@code Networks}) show it. */
final class NetworkViews {
    private NetworkViews() {
    }

    static Map<String, Object> settings(ContainerRecord r, NetworkState s, NetworkController controller) {
        Map<String, Object> n = new LinkedHashMap<>();
        boolean running = r.state().running();
        n.put("Bridge", "");
        n.put("SandboxID", running && !s.sandboxKey().isEmpty() ? sandboxId(r.id()) : "");
        n.put("SandboxKey", running ? s.sandboxKey() : "");
        n.put("Ports", running ? ports(r, s) : new LinkedHashMap<>());
        n.put("HairpinMode", false);
        n.put("LinkLocalIPv6Address", "");
        n.put("LinkLocalIPv6PrefixLen", 0);
        n.put("SecondaryIPAddresses", null);
        n.put("SecondaryIPv6Addresses", null);
        Endpoint bridge = null;
        for (NetworkState.Attach a : s.networks().values()) {
            if (a.endpoint() != null && controller.lookup(a.networkId()).map(Network::isDefaultBridge).orElse(false)) {
                bridge = a.endpoint();
            }
        }
        n.put("EndpointID", bridge == null ? "" : bridge.id());
        n.put("Gateway", bridge == null ? "" : bridge.gateway());
        n.put("GlobalIPv6Address", bridge == null ? "" : bridge.ipv6());
        n.put("GlobalIPv6PrefixLen", bridge == null ? 0 : bridge.prefix6());
        n.put("IPAddress", bridge == null ? "" : bridge.ipv4());
        n.put("IPPrefixLen", bridge == null ? 0 : bridge.prefix());
        n.put("IPv6Gateway", bridge == null ? "" : bridge.gateway6());
        n.put("MacAddress", bridge == null ? "" : bridge.mac());
        n.put("Networks", networks(r, s));
        return n;
    }

    /** Docker derives the sandbox id from the container; a stable hash of the id serves the same purpose. */
    private static String sandboxId(String id) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(("sandbox:" + id).getBytes());
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> networks(ContainerRecord r, NetworkState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, NetworkState.Attach> e : s.networks().entrySet()) {
            NetworkState.Attach a = e.getValue();
            Endpoint ep = r.state().running() ? a.endpoint() : null;
            Map<String, Object> m = new LinkedHashMap<>();
            if (a.ipv4().isEmpty() && a.ipv6().isEmpty()) {
                m.put("IPAMConfig", null);
            } else {
                Map<String, Object> ipam = new LinkedHashMap<>();
                if (!a.ipv4().isEmpty()) {
                    ipam.put("IPv4Address", a.ipv4());
                }
                if (!a.ipv6().isEmpty()) {
                    ipam.put("IPv6Address", a.ipv6());
                }
                m.put("IPAMConfig", ipam);
            }
            m.put("Links", a.links().isEmpty() ? null : a.links());
            m.put("Aliases", a.aliases().isEmpty() ? null : a.aliases());
            m.put("MacAddress", ep == null ? a.mac() : ep.mac());
            m.put("DriverOpts", null);
            m.put("GwPriority", 0);
            m.put("NetworkID", a.networkId());
            m.put("EndpointID", ep == null ? "" : ep.id());
            m.put("Gateway", ep == null ? "" : ep.gateway());
            m.put("IPAddress", ep == null ? "" : ep.ipv4());
            m.put("IPPrefixLen", ep == null ? 0 : ep.prefix());
            m.put("IPv6Gateway", ep == null ? "" : ep.gateway6());
            m.put("GlobalIPv6Address", ep == null ? "" : ep.ipv6());
            m.put("GlobalIPv6PrefixLen", ep == null ? 0 : ep.prefix6());
            List<String> dns = new ArrayList<>();
            if (!e.getKey().equals("bridge") && !e.getKey().equals("host") && !e.getKey().equals("none")) {
                dns.add(r.shortName());
                dns.addAll(a.aliases());
                dns.add(r.id().substring(0, 12));
            }
            m.put("DNSNames", dns.isEmpty() ? null : dns);
            out.put(e.getKey(), m);
        }
        return out;
    }

    /** {@code {"80/tcp": [{"HostIp":"0.0.0.0","HostPort":"8080"}], "443/tcp": null}}: exposed ports without a binding are null. */
    static Map<String, Object> ports(ContainerRecord r, NetworkState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String p : ContainerNetworking.exposed(r)) {
            out.put(p, null);
        }
        for (PortBinding b : s.ports()) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> list = (List<Map<String, String>>) out.get(b.key());
            if (list == null) {
                list = new ArrayList<>();
                out.put(b.key(), list);
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put("HostIp", b.hostIp());
            m.put("HostPort", Integer.toString(b.hostPort()));
            list.add(m);
        }
        return out;
    }

    /** The list's {@code Ports}: {@code [{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}]}. */
    static List<Map<String, Object>> summaryPorts(ContainerRecord r, NetworkState s) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!r.state().running()) {
            return out;
        }
        java.util.Set<String> published = new java.util.HashSet<>();
        for (PortBinding b : s.ports()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("IP", b.hostIp());
            m.put("PrivatePort", b.containerPort());
            m.put("PublicPort", b.hostPort());
            m.put("Type", b.proto());
            out.add(m);
            published.add(b.key());
        }
        for (String key : ContainerNetworking.exposed(r)) {
            if (!published.contains(key)) {
                String[] pp = key.split("/");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("PrivatePort", Integer.parseInt(pp[0]));
                m.put("Type", pp[1]);
                out.add(m);
            }
        }
        return out;
    }
}
