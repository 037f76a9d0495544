package dev.berth.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A container's place on a network while it runs: a veth pair, the container end named {@code ifName}
 * inside the sandbox, the host end {@code hostIf} on the network's bridge. Addresses are empty strings
 * when not set (no IPv6, or a driver without addresses).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Endpoint(
        @JsonProperty("EndpointID") String id,
        @JsonProperty("NetworkID") String networkId,
        @JsonProperty("IfName") String ifName,
        @JsonProperty("HostIf") String hostIf,
        @JsonProperty("MacAddress") String mac,
        @JsonProperty("IPAddress") String ipv4,
        @JsonProperty("IPPrefixLen") int prefix,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("GlobalIPv6Address") String ipv6,
        @JsonProperty("GlobalIPv6PrefixLen") int prefix6,
        @JsonProperty("IPv6Gateway") String gateway6,
        @JsonProperty("Aliases") List<String> aliases) {

    public Endpoint {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
