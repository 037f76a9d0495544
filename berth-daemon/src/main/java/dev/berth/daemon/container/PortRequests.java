package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.network.PortRequest;
import dev.berth.oci.ContainerConfig;
import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code HostConfig.PortBindings} and {@code PublishAllPorts} turned into the ports to publish. */
final class PortRequests {
    private PortRequests() {
    }

    static List<PortRequest> of(HostConfigView hc, ContainerConfig config) {
        List<PortRequest> out = new ArrayList<>();
        JsonNode bindings = hc.json().path("PortBindings");
        java.util.Set<String> bound = new java.util.HashSet<>();
        for (var it = bindings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] key = portKey(e.getKey());
            int containerPort = Integer.parseInt(key[0]);
            bound.add(containerPort + "/" + key[1]);
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                out.add(new PortRequest(key[1], "", 0, 0, containerPort));
                continue;
            }
            for (JsonNode b : e.getValue()) {
                int[] range = hostPorts(b.path("HostPort").asText(""));
                out.add(new PortRequest(key[1], b.path("HostIp").asText(""), range[0], range[1], containerPort));
            }
        }
        if (hc.flag("PublishAllPorts") && config.exposedPorts() != null) {
            for (String p : config.exposedPorts().keySet()) {
                String[] key = portKey(p);
                if (!bound.contains(Integer.parseInt(key[0]) + "/" + key[1])) {
                    out.add(new PortRequest(key[1], "", 0, 0, Integer.parseInt(key[0])));
                }
            }
        }
        return out;
    }

    /** {@code 80/tcp} → {@code ["80","tcp"]}; the protocol defaults to tcp. */
    static String[] portKey(String key) {
        String[] parts = key.split("/", 2);
        String proto = parts.length > 1 ? parts[1].toLowerCase(java.util.Locale.ROOT) : "tcp";
        try {
            int port = Integer.parseInt(parts[0]);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new String[] {parts[0], proto};
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid port specification: \"" + key + "\"");
        }
    }

    private static int[] hostPorts(String text) {
        if (text.isEmpty()) {
            return new int[] {0, 0};
        }
        try {
            int dash = text.indexOf('-');
            if (dash < 0) {
                int p = Integer.parseInt(text);
                return new int[] {p, p};
            }
            return new int[] {Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1))};
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid port specification: \"" + text + "\"");
        }
    }
}
