package dev.berth.network;

/**
 * A port to publish, as {@code -p} asks: a host port range (0–0 for "any free port"), a host IP
 * (empty for all), the container port and protocol. A range maps to the first free port in it.
 */
public record PortRequest(String proto, String hostIp, int hostPortLow, int hostPortHigh, int containerPort) {
    public PortRequest {
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("invalid containerPort: " + containerPort);
        }
        if (hostPortLow < 0 || hostPortHigh > 65535 || hostPortHigh < hostPortLow) {
            throw new IllegalArgumentException("invalid hostPort: " + hostPortLow + "-" + hostPortHigh);
        }
    }
}
