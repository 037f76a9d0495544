package dev.berth.cli.container;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code -p [ip:][hostPort:]containerPort[/proto]} flag, ranges allowed on both sides
 * ({@code 8000-8001:80-81}), expanded into the {@code "80/tcp" → {HostIp, HostPort}} pairs of the
 * create body's {@code PortBindings}.
 */
public record PortSpec(String hostIp, String hostPorts, String containerPorts, String protocol) {

    public record Binding(String port, String hostIp, String hostPort) {
    }

    public static PortSpec parse(String text) {
        String spec = text;
        String proto = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1);
            spec = spec.substring(0, slash);
        }
        String ip = "";
        String host = "";
        int colon = spec.lastIndexOf(':');
        String container = spec.substring(colon + 1);
        if (colon >= 0) {
            String rest = spec.substring(0, colon);
            int hostColon = rest.lastIndexOf(':');
            host = rest.substring(hostColon + 1);
            ip = hostColon >= 0 ? rest.substring(0, hostColon) : "";
            if (ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
        }
        if (container.isEmpty()) {
            throw new IllegalArgumentException("no port specified: " + text + "<empty>");
        }
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        range(container, text);
        if (!host.isEmpty()) {
            range(host, text);
        }
        return new PortSpec(ip, host, container, proto);
    }

    /** Each container port of the spec with the host port it maps to (a range maps one to one). */
    public List<Binding> bindings() {
        int[] inside = range(containerPorts, containerPorts);
        int count = inside[1] - inside[0] + 1;
        int[] outside = hostPorts.isEmpty() ? null : range(hostPorts, hostPorts);
        boolean oneToOne = outside != null && outside[1] - outside[0] + 1 == count;
        if (outside != null && !oneToOne && count > 1) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: " + containerPorts + " and " + hostPorts);
        }
        List<Binding> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // A single container port with a host range lets the daemon pick within the range.
            String hostPort = outside == null ? "" : oneToOne ? Integer.toString(outside[0] + i) : hostPorts;
            out.add(new Binding((inside[0] + i) + "/" + protocol, hostIp, hostPort));
        }
        return out;
    }

    /** {@code --expose 80} or {@code --expose 7000-7002/udp}: the port keys only. */
    public static List<String> exposed(String text) {
        int slash = text.lastIndexOf('/');
        String proto = slash >= 0 ? text.substring(slash + 1) : "tcp";
        int[] ports = range(slash >= 0 ? text.substring(0, slash) : text, text);
        List<String> keys = new ArrayList<>();
        for (int p = ports[0]; p <= ports[1]; p++) {
            keys.add(p + "/" + proto);
        }
        return keys;
    }

    private static int[] range(String ports, String whole) {
        String[] ends = ports.split("-", 2);
        try {
            int low = Integer.parseInt(ends[0]);
            int high = ends.length > 1 ? Integer.parseInt(ends[1]) : low;
            if (low < 0 || high > 65535 || high < low) {
                throw new NumberFormatException();
            }
            return new int[] {low, high};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid containerPort: " + whole);
        }
    }
}
