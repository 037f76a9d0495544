package dev.berth.network;

/**
 * A published port as inspect shows it under {@code NetworkSettings.Ports["80/tcp"]}: the container's
 * port and protocol, and where on the host it is reachable.
 */
public record PortBinding(String proto, int containerPort, String hostIp, int hostPort) {

    /** The key inspect uses: {@code 80/tcp}. */
    public String key() {
        return containerPort + "/" + proto;
    }
}
