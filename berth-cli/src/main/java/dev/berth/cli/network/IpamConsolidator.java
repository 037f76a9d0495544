package dev.berth.cli.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Groups {@code network create}'s {@code --subnet}, {@code --ip-range}, {@code --gateway} and
 * {@code --aux-address} into one IPAM config per subnet, refusing what docker's CLI refuses with
 * its words (e.g. {@code no matching subnet for gateway 10.9.0.1}) before anything is sent.
 *
 * <p>Use: {@code IpamConsolidator.consolidate(List.of("10.1.0.0/24"), List.of(), List.of("10.1.0.1"), Map.of())}
 * gives {@code [{"Subnet":"10.1.0.0/24","Gateway":"10.1.0.1"}]}.
 */
public final class IpamConsolidator {
    private IpamConsolidator() {
    }

    /** The {@code IPAM.Config} list, in subnet order; throws IllegalArgumentException with docker's message. */
    public static List<Map<String, Object>> consolidate(List<String> subnets, List<String> ranges, List<String> gateways,
                                                        Map<String, String> auxAddresses) {
        if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
            throw new IllegalArgumentException("every ip-range or gateway must have a corresponding subnet");
        }
        Map<String, Config> configs = new LinkedHashMap<>();
        for (String subnet : subnets) {
            for (String known : configs.keySet()) {
                if (matches(subnet, known) || matches(known, subnet)) {
                    throw new IllegalArgumentException("multiple overlapping subnet configuration is not supported");
                }
            }
            configs.put(subnet, new Config(subnet));
        }
        for (String range : ranges) {
            assign(range, subnets, configs, "range", c -> c.range, (c, r) -> c.range = r,
                    "cannot configure multiple ranges (%s, %s) on the same subnet (%s)");
        }
        for (String gateway : gateways) {
            assign(gateway, subnets, configs, "gateway", c -> c.gateway, (c, g) -> c.gateway = g,
                    "cannot configure multiple gateways (%s, %s) for the same subnet (%s)");
        }
        auxAddresses.forEach((name, address) -> {
            boolean matched = false;
            for (String subnet : subnets) {
                if (matches(subnet, address)) {
                    configs.get(subnet).aux.put(name, address);
                    matched = true;
                }
            }
            if (!matched) {
                throw new IllegalArgumentException("no matching subnet for aux-address " + address);
            }
        });
        return configs.values().stream().map(Config::toJson).toList();
    }

    /** Puts a range or gateway on the one subnet that holds it; a range must itself be a valid CIDR. */
    private static void assign(String value, List<String> subnets, Map<String, Config> configs, String what,
                               Function<Config, String> current, BiConsumer<Config, String> setter, String conflict) {
        boolean matched = false;
        for (String subnet : subnets) {
            if (what.equals("range")) {
                Cidr.parse(value);
            }
            if (!matches(subnet, value)) {
                continue;
            }
            Config config = configs.get(subnet);
            String existing = current.apply(config);
            if (existing != null) {
                throw new IllegalArgumentException(conflict.formatted(value, existing, subnet));
            }
            setter.accept(config, value);
            matched = true;
        }
        if (!matched) {
            throw new IllegalArgumentException("no matching subnet for " + what + " " + value);
        }
    }

    /** docker's subnetMatches: whether {@code data} (an address or a CIDR's address) lies in {@code subnet}. */
    static boolean matches(String subnet, String data) {
        Cidr network;
        try {
            network = Cidr.parse(subnet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid subnet: " + e.getMessage());
        }
        IpAddress ip = data.contains("/") ? Cidr.parse(data).address() : IpAddress.parse(data).orElse(null);
        return network.contains(ip);
    }

    private static final class Config {
        final String subnet;
        String range;
        String gateway;
        final Map<String, String> aux = new TreeMap<>();

        Config(String subnet) {
            this.subnet = subnet;
        }

        /** Go's IPAMConfig: every field omitempty. */
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("Subnet", subnet);
            if (range != null) {
                json.put("IPRange", range);
            }
            if (gateway != null) {
                json.put("Gateway", gateway);
            }
            if (!aux.isEmpty()) {
                json.put("AuxiliaryAddresses", aux);
            }
            return json;
        }
    }
}
