package dev.berth.cli.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code EndpointSettings} as the CLI sends it, in {@code network connect} and in the
 * create body's {@code NetworkingConfig.EndpointsConfig}: the configured fields as given (null
 * and empty differ on the wire), then the operational ones, always zero from a client.
 *
 * <p>Use: {@code EndpointSettings.json(EndpointSettings.ipam("10.1.0.7", "", List.of()), null, List.of("web"), "", Map.of(), 0)}.
 */
public final class EndpointSettings {
    private EndpointSettings() {
    }

    public static Map<String, Object> json(Map<String, Object> ipamConfig, List<String> links, List<String> aliases, String macAddress,
                                           Map<String, String> driverOpts, long gwPriority) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("IPAMConfig", ipamConfig);
        e.put("Links", links);
        e.put("Aliases", aliases);
        e.put("MacAddress", macAddress);
        e.put("DriverOpts", driverOpts);
        e.put("GwPriority", gwPriority);
        for (String field : List.of("NetworkID", "EndpointID", "Gateway", "IPAddress")) {
            e.put(field, "");
        }
        e.put("IPPrefixLen", 0);
        e.put("IPv6Gateway", "");
        e.put("GlobalIPv6Address", "");
        e.put("GlobalIPv6PrefixLen", 0);
        e.put("DNSNames", null);
        return e;
    }

    /** {@code EndpointIPAMConfig}: every field omitempty, so no addresses give {@code {}}. */
    public static Map<String, Object> ipam(String ipv4, String ipv6, List<String> linkLocalIps) {
        Map<String, Object> ipam = new LinkedHashMap<>();
        if (!ipv4.isEmpty()) {
            ipam.put("IPv4Address", ipv4);
        }
        if (!ipv6.isEmpty()) {
            ipam.put("IPv6Address", ipv6);
        }
        if (!linkLocalIps.isEmpty()) {
            ipam.put("LinkLocalIPs", linkLocalIps);
        }
        return ipam;
    }
}
