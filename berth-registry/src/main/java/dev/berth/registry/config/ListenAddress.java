package dev.berth.registry.config;

import java.net.InetSocketAddress;

/** A TCP listen address as Go writes it: {@code :5000}, {@code 127.0.0.1:5000}, {@code [::1]:5000}. */
public record ListenAddress(String host, int port) {

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code addr}; a failure names {@code key}. */
    public static ListenAddress parse(String addr, String key) {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException("bad value for " + key + ": \"" + addr + "\" (expected host:port or :port)");
        }
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new ListenAddress(host, Integer.parseInt(addr.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bad value for " + key + ": \"" + addr + "\" (expected host:port or :port)");
        }
    }

    public InetSocketAddress socketAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
