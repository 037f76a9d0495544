package dev.berth.daemon.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.network.Endpoint;
import dev.berth.network.PortBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's networking as stored ({@code <container dir>/network.json}, written atomically before
 * the container starts and after it stops): the networks it is on, in order (the first routes), what it
 * asked of each, and while it runs its endpoints, sandbox and published ports.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkState(@JsonProperty("Networks") Map<String, Attach> networks,
                           @JsonProperty("SandboxKey") String sandboxKey,
                           @JsonProperty("Ports") List<PortBinding> ports) {

    public NetworkState {
        networks = networks == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(networks));
        sandboxKey = sandboxKey == null ? "" : sandboxKey;
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public static NetworkState empty() {
        return new NetworkState(Map.of(), "", List.of());
    }

    /**
     * One network: its id, the request (fixed addresses, MAC, aliases, links) and, while running, the endpoint.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attach(@JsonProperty("NetworkID") String networkId,
                         @JsonProperty("IPv4Address") String ipv4,
                         @JsonProperty("IPv6Address") String ipv6,
                         @JsonProperty("MacAddress") String mac,
                         @JsonProperty("Aliases") List<String> aliases,
                         @JsonProperty("Links") List<String> links,
                         @JsonProperty("Endpoint") Endpoint endpoint) {
        public Attach {
            ipv4 = ipv4 == null ? "" : ipv4;
            ipv6 = ipv6 == null ? "" : ipv6;
            mac = mac == null ? "" : mac;
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            links = links == null ? List.of() : List.copyOf(links);
        }

        public Attach withEndpoint(Endpoint e) {
            return new Attach(networkId, ipv4, ipv6, mac, aliases, links, e);
        }
    }

    /** The first endpoint with an IPv4 address: the one that routes, and where ports are published. */
    public java.util.Optional<Endpoint> primary() {
        return networks.values().stream().map(Attach::endpoint).filter(e -> e != null && !e.ipv4().isEmpty()).findFirst();
    }

    public NetworkState withNetwork(String name, Attach a) {
        Map<String, Attach> m = new LinkedHashMap<>(networks);
        m.put(name, a);
        return new NetworkState(m, sandboxKey, ports);
    }

    public NetworkState withoutNetwork(String name) {
        Map<String, Attach> m = new LinkedHashMap<>(networks);
        m.remove(name);
        return new NetworkState(m, sandboxKey, ports);
    }

    public NetworkState running(String sandbox, List<PortBinding> published) {
        return new NetworkState(networks, sandbox, published);
    }

    /** What is kept once the container stops: the networks and requests, no endpoints, sandbox or ports. */
    public NetworkState stopped() {
        Map<String, Attach> m = new LinkedHashMap<>();
        networks.forEach((k, v) -> m.put(k, v.withEndpoint(null)));
        return new NetworkState(m, "", List.of());
    }
}
