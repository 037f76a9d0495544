package dev.berth.network;

import java.util.List;
import java.util.Map;

/** {@code POST /networks/create}, checked: what a new network should be. */
public record NetworkRequest(String name, String driver, boolean ipv6, boolean internal, boolean attachable,
                             Map<String, String> labels, Map<String, String> options, String ipamDriver,
                             List<Network.IpamConfig> ipam) {
    public NetworkRequest {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
        ipam = ipam == null ? List.of() : List.copyOf(ipam);
    }
}
