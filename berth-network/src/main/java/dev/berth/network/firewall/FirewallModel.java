package dev.berth.network.firewall;

import java.util.List;

/**
 * Everything berthd's nftables table expresses, as plain values: the bridges with their subnets and
 * switches, the published ports, and the {@code --link} exceptions to {@code icc=false}.
 */
public record FirewallModel(List<Bridge> bridges, List<PortForward> ports, List<LinkRule> links) {

    public FirewallModel {
        bridges = List.copyOf(bridges);
        ports = List.copyOf(ports);
        links = List.copyOf(links);
    }

    /** A bridge network: {@code masquerade} for outbound NAT, {@code internal} for no traffic off the bridge. */
    public record Bridge(String name, List<String> subnets4, List<String> subnets6, boolean icc, boolean masquerade,
                         boolean internal) {
        public Bridge {
            subnets4 = List.copyOf(subnets4);
            subnets6 = List.copyOf(subnets6);
        }
    }

    /** {@code -p hostIp:hostPort:containerPort/proto}; an empty or 0.0.0.0 host IP means every local address. */
    public record PortForward(String proto, String hostIp, int hostPort, String containerIp, int containerPort) {
    }

    /** Lets {@code from} reach {@code to} on a port across a bridge with icc off (a legacy link). */
    public record LinkRule(String bridge, String from, String to, String proto, int port) {
    }
}
