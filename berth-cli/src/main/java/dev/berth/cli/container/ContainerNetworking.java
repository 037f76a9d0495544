package dev.berth.cli.container;

import dev.berth.cli.format.GoStrings;
import dev.berth.cli.network.EndpointSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * docker's parseNetworkOpts for run and create: the {@code NetworkMode} and the
 * {@code NetworkingConfig.EndpointsConfig} from the {@code --network} flags, with the older flags
 * ({@code --network-alias}, {@code --link}, {@code --ip}, {@code --ip6}, {@code --mac-address},
 * {@code --link-local-ip}) applied to the first network.
 *
 * <p>Without {@code --network} the endpoint is {@code "default"} and is always sent; a single
 * network given without endpoint options is sent as no endpoint at all, as docker does. Errors are
 * IllegalArgumentExceptions with docker's messages.
 */
final class ContainerNetworking {
    private static final Pattern MAC_COLONS = Pattern.compile("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2})*");
    private static final Pattern MAC_DOTS = Pattern.compile("[0-9a-fA-F]{4}(\\.[0-9a-fA-F]{4})*");

    private final ContainerOptions o;
    private final List<NetworkAttachment> networks;

    ContainerNetworking(ContainerOptions o, List<NetworkAttachment> networks) {
        this.o = o;
        this.networks = List.copyOf(networks);
    }

    /** The first network's name, or {@code default}. */
    String mode() {
        return networks.isEmpty() ? "default" : networks.getFirst().target();
    }

    Map<String, Object> endpoints() {
        Map<String, Object> endpoints = new TreeMap<>();
        if (networks.isEmpty()) {
            endpoints.put("default", endpoint(withLegacyFlags(NetworkAttachment.named("default"))));
            return endpoints;
        }
        boolean userDefined = false;
        boolean builtIn = false;
        for (int i = 0; i < networks.size(); i++) {
            NetworkAttachment n = i == 0 ? withLegacyFlags(networks.get(i)) : networks.get(i);
            userDefined |= n.isUserDefined();
            builtIn |= !n.isUserDefined();
            Map<String, Object> endpoint = endpoint(n);
            if (endpoints.containsKey(n.target())) {
                throw new IllegalArgumentException("network " + GoStrings.quote(n.target()) + " is specified multiple times");
            }
            if (i == 0 && networks.size() == 1 && isEmpty(endpoint)) {
                continue;
            }
            endpoints.put(n.target(), endpoint);
        }
        if (userDefined && builtIn) {
            throw new IllegalArgumentException("conflicting options: cannot attach both user-defined and non-user-defined network-modes");
        }
        return endpoints;
    }

    /** applyContainerOptions: the old flags may not also be given per network. */
    private NetworkAttachment withLegacyFlags(NetworkAttachment n) {
        conflict(!n.aliases().isEmpty() && !o.networkAliases.isEmpty(), "--network-alias and per-network alias");
        conflict(!n.ipv4().isEmpty() && !o.ip.isEmpty(), "--ip and per-network IPv4 address");
        conflict(!n.ipv6().isEmpty() && !o.ip6.isEmpty(), "--ip6 and per-network IPv6 address");
        conflict(!n.macAddress().isEmpty() && !o.macAddress.isEmpty(), "--mac-address and per-network MAC address");
        conflict(!n.linkLocalIps().isEmpty() && !o.linkLocalIps.isEmpty(), "--link-local-ip and per-network link-local IP addresses");
        return n.withLegacyFlags(o.networkAliases, o.links, o.ip, o.ip6, o.macAddress, o.linkLocalIps);
    }

    private static void conflict(boolean both, String what) {
        if (both) {
            throw new IllegalArgumentException("conflicting options: cannot specify both " + what);
        }
    }

    /** parseNetworkAttachmentOpt: the endpoint's settings, null where nothing was given. */
    private static Map<String, Object> endpoint(NetworkAttachment n) {
        if (n.target().isBlank()) {
            throw new IllegalArgumentException("no name set for network");
        }
        if (!n.isUserDefined() && !n.aliases().isEmpty()) {
            throw new IllegalArgumentException("network-scoped aliases are only supported for user-defined networks");
        }
        if (!n.isUserDefined() && !n.links().isEmpty()) {
            throw new IllegalArgumentException("links are only supported for user-defined networks");
        }
        if (!n.macAddress().isEmpty() && !isMac(n.macAddress())) {
            throw new IllegalArgumentException(n.macAddress() + " is not a valid mac address");
        }
        boolean addressed = !n.ipv4().isEmpty() || !n.ipv6().isEmpty() || !n.linkLocalIps().isEmpty();
        return EndpointSettings.json(addressed ? EndpointSettings.ipam(n.ipv4(), n.ipv6(), n.linkLocalIps()) : null,
                n.links().isEmpty() ? null : n.links(), n.aliases().isEmpty() ? null : n.aliases(), n.macAddress(),
                n.driverOpts().isEmpty() ? null : n.driverOpts(), n.gwPriority());
    }

    private static boolean isEmpty(Map<String, Object> endpoint) {
        return endpoint.equals(EndpointSettings.json(null, null, null, "", null, 0));
    }

    /** Go's net.ParseMAC: 6, 8 or 20 bytes as {@code xx:xx…}, {@code xx-xx…} or {@code xxxx.xxxx…}. */
    static boolean isMac(String text) {
        String s = text.strip();
        int bytes;
        if (MAC_COLONS.matcher(s).matches()) {
            bytes = (s.length() + 1) / 3;
        } else if (MAC_DOTS.matcher(s).matches()) {
            bytes = 2 * (s.length() + 1) / 5;
        } else {
            return false;
        }
        return bytes == 6 || bytes == 8 || bytes == 20;
    }
}
