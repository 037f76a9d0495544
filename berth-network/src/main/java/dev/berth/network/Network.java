package dev.berth.network;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A network as stored ({@code <data-root>/network/<id>.json}) and as inspect shows its static part.
 * The IPAM configs hold what was asked or picked (subnet, gateway, range, aux addresses).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Network(
        @JsonProperty("Name") String name,
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Driver") String driver,
        @JsonProperty("EnableIPv4") boolean enableIpv4,
        @JsonProperty("EnableIPv6") boolean enableIpv6,
        @JsonProperty("IPAM") Ipam ipam,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("Attachable") boolean attachable,
        @JsonProperty("Ingress") boolean ingress,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels) {

    public static final String BRIDGE_NAME = "com.docker.network.bridge.name";
    public static final String MTU = "com.docker.network.driver.mtu";
    public static final String ICC = "com.docker.network.bridge.enable_icc";
    public static final String MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
    public static final String HOST_BINDING = "com.docker.network.bridge.host_binding_ipv4";
    public static final String DEFAULT_BRIDGE = "com.docker.network.bridge.default_bridge";

    public Network {
        options = options == null ? Map.of() : Map.copyOf(options);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ipam(@JsonProperty("Driver") String driver, @JsonProperty("Options") Map<String, String> options,
                       @JsonProperty("Config") List<IpamConfig> config) {
        public Ipam {
            options = options == null ? Map.of() : Map.copyOf(options);
            config = config == null ? List.of() : List.copyOf(config);
        }
    }

    /** One subnet: empty strings for what is not set (Docker omits them in inspect). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IpamConfig(@JsonProperty("Subnet") String subnet, @JsonProperty("IPRange") String ipRange,
                             @JsonProperty("Gateway") String gateway,
                             @JsonProperty("AuxiliaryAddresses") Map<String, String> auxAddresses) {
        public IpamConfig {
            ipRange = ipRange == null ? "" : ipRange;
            gateway = gateway == null ? "" : gateway;
            auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
        }
    }

    @JsonIgnore
    public boolean isDefaultBridge() {
        return "true".equals(options.get(DEFAULT_BRIDGE));
    }

    /** Whether containers on it reach each other (bridge option, true unless turned off). */
    @JsonIgnore
    public boolean icc() {
        return !"false".equals(options.get(ICC));
    }

    @JsonIgnore
    public boolean masquerade() {
        return !"false".equals(options.get(MASQUERADE));
    }

    @JsonIgnore
    public String bridgeName() {
        return options.getOrDefault(BRIDGE_NAME, "br-" + id.substring(0, 12));
    }

    /** Whether berthd lays firewall rules, names and addresses for it (user-defined and default bridges). */
    @JsonIgnore
    public boolean isBridge() {
        return driver.equals("bridge");
    }

    @JsonIgnore
    public int mtu(int fallback) {
        String m = options.get(MTU);
        return m == null || m.isEmpty() ? fallback : Integer.parseInt(m);
    }

    public Network withIpam(Ipam i) {
        return new Network(name, id, created, scope, driver, enableIpv4, enableIpv6, i, internal, attachable, ingress,
                options, labels);
    }
}
