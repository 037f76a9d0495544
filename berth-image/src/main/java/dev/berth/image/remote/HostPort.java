package dev.berth.image.remote;

/** Splits a registry name {@code host[:port]} (IPv6 in brackets) into its host. */
final class HostPort {
    private HostPort() {
    }

    static String host(String hostPort) {
        if (hostPort.startsWith("[")) {
            return hostPort.substring(1, hostPort.indexOf(']'));
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
