package dev.berth.daemon.config;

import java.util.List;

/**
 * The default bridge and daemon-wide networking. Empty strings mean "not set" (berthd picks the
 * bridge name and subnet itself).
 *
 * @param nftTable the nftables table berthd owns, so two daemons on one host keep their rules apart
 */
public record NetworkConfig(int mtu, String bridge, String bip, String fixedCidr, String fixedCidrV6,
                            String defaultGateway, String defaultGatewayV6, boolean icc, String ip, boolean ipForward,
                            boolean ipMasq, boolean iptables, boolean ipv6, boolean userlandProxy, List<String> dns,
                            List<String> dnsOptions, List<String> dnsSearch, List<AddressPool> defaultAddressPools,
                            String nftTable) {
    public NetworkConfig {
        dns = List.copyOf(dns);
        dnsOptions = List.copyOf(dnsOptions);
        dnsSearch = List.copyOf(dnsSearch);
        defaultAddressPools = List.copyOf(defaultAddressPools);
    }
}
