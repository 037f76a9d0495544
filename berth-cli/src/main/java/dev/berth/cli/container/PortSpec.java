package dev.berth.cli.container;

import dev.berth.cli.format.GoNumbers;
import dev.berth.cli.network.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code -p [ip:][hostPort:]containerPort[/proto]} flag as go-connections' nat.ParsePortSpec
 * reads it (ranges on both sides, {@code [::1]} for IPv6, docker's error messages), expanded into
 * the {@code "80/tcp" → {HostIp, HostPort}} pairs of the create body's {@code PortBindings}.
 *
 * <p>Use: {@code PortSpec.parse("127.0.0.1:8000-8001:80-81").bindings()} gives 80/tcp → 8000 and 81/tcp → 8001.
 */
public record PortSpec(String hostIp, String hostPorts, String containerPorts, String protocol) {

    public record Binding(String port, String hostIp, String hostPort) {
    }

    /** Throws IllegalArgumentException with nat's message, e.g. {@code invalid containerPort: abc}. */
    public static PortSpec parse(String text) {
        String[] parts = text.split(":", -1);
        int n = parts.length;
        String container = parts[n - 1];
        String host = n >= 2 ? parts[n - 2] : "";
        String ip = n >= 3 ? String.join(":", List.of(parts).subList(0, n - 2)) : "";
        String[] protoPort = splitProtoPort(container);
        String proto = protoPort[0];
        container = protoPort[1];
        if (ip.startsWith("[")) {
            ip = unbracket(ip);
        }
        if (!ip.isEmpty() && IpAddress.parse(ip).isEmpty()) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        if (container.isEmpty()) {
            throw new IllegalArgumentException("no port specified: " + text + "<empty>");
        }
        long[] inside;
        try {
            inside = range(container);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid containerPort: " + container);
        }
        long[] outside = {0, 0};
        if (!host.isEmpty()) {
            try {
                outside = range(host);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid hostPort: " + host);
            }
        }
        if (!host.isEmpty() && inside[1] - inside[0] != outside[1] - outside[0] && inside[1] != inside[0]) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: " + container + " and " + host);
        }
        if (!List.of("tcp", "udp", "sctp").contains(proto.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        String hostPorts = host.isEmpty() ? "" : outside[0] == outside[1] ? Long.toString(outside[0]) : outside[0] + "-" + outside[1];
        return new PortSpec(ip, hostPorts, inside[0] == inside[1] ? Long.toString(inside[0]) : inside[0] + "-" + inside[1],
                proto.toLowerCase(Locale.ROOT));
    }

    /** What Go's {@code net.SplitHostPort(ip + ":")} leaves of {@code [addr]}, with its errors. */
    private static String unbracket(String ip) {
        int end = ip.indexOf(']');
        if (end < 0) {
            throw new IllegalArgumentException("invalid IP address " + ip + ": address " + ip + ":: missing ']' in address");
        }
        if (end != ip.length() - 1) {
            String reason = ip.charAt(end + 1) == ':' ? "too many colons" : "missing port";
            throw new IllegalArgumentException("invalid IP address " + ip + ": address " + ip + ":: " + reason + " in address");
        }
        return ip.substring(1, end);
    }

    /** Each container port with the host port it maps to; a single container port keeps a host range for the daemon to pick from. */
    public List<Binding> bindings() {
        long[] inside = range(containerPorts);
        long[] outside = hostPorts.isEmpty() ? null : range(hostPorts);
        List<Binding> out = new ArrayList<>();
        for (long i = 0; i <= inside[1] - inside[0]; i++) {
            String hostPort = outside == null ? "" : Long.toString(outside[0] + i);
            if (outside != null && inside[0] == inside[1] && outside[0] != outside[1]) {
                hostPort = hostPort + "-" + outside[1];
            }
            out.add(new Binding((inside[0] + i) + "/" + protocol, hostIp, hostPort));
        }
        return out;
    }

    /** {@code --expose 80} or {@code --expose 7000-7002/udp}: the port keys, protocol kept as typed. */
    public static List<String> exposed(String text) {
        if (text.contains(":")) {
            throw new IllegalArgumentException("invalid port format for --expose: " + text);
        }
        String[] protoPort = splitProtoPort(text);
        long[] ports;
        try {
            ports = range(protoPort[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid range format for --expose: " + text + ", error: " + e.getMessage());
        }
        List<String> keys = new ArrayList<>();
        for (long p = ports[0]; p <= ports[1]; p++) {
            keys.add(p + "/" + protoPort[0]);
        }
        return keys;
    }

    /** nat.SplitProtoPort: {@code {proto, port}}, tcp when none is given, both empty for an empty port. */
    static String[] splitProtoPort(String raw) {
        String[] parts = raw.split("/", -1);
        if (raw.isEmpty() || parts[0].isEmpty()) {
            return new String[] {"", ""};
        }
        if (parts.length == 1 || parts[1].isEmpty()) {
            return new String[] {"tcp", parts[0]};
        }
        return new String[] {parts[1], parts[0]};
    }

    /** nat.ParsePortRange: {@code 80} or {@code 8000-8002}, each end a uint16; the message is Go's. */
    static long[] range(String ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("empty string specified for ports");
        }
        String[] ends = ports.split("-", -1);
        try {
            long start = GoNumbers.parseUint(ends[0], 16);
            long end = ends.length > 1 ? GoNumbers.parseUint(ends[1], 16) : start;
            if (end < start) {
                throw new IllegalArgumentException("invalid range specified for port: " + ports);
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
