package dev.berth.network;

import java.util.List;

/** What a container asks of its endpoint on one network: fixed addresses, a MAC, aliases (empty: none). */
public record EndpointRequest(String ipv4, String ipv6, String mac, List<String> aliases) {
    public EndpointRequest {
        ipv4 = ipv4 == null ? "" : ipv4;
        ipv6 = ipv6 == null ? "" : ipv6;
        mac = mac == null ? "" : mac;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public static EndpointRequest none() {
        return new EndpointRequest("", "", "", List.of());
    }
}
