package dev.berth.daemon.config;

import java.nio.file.Path;

/**
 * One address berthd listens on ({@code -H}), normalised the way dockerd normalises them:
 * {@code unix://} becomes the default socket, {@code tcp://:2375} becomes {@code tcp://0.0.0.0:2375},
 * {@code tcp://} alone becomes {@code tcp://127.0.0.1:2375} (dockerd's "localhost"), and an address
 * with no scheme is tcp. {@code fd://} (systemd socket activation) is refused: berthd opens its own sockets.
 *
 * @param scheme  {@code unix} or {@code tcp}
 * @param address a socket path for unix, {@code host:port} (IPv6 in brackets) for tcp
 */
public record DaemonHost(String scheme, String address) {
    public static final String DEFAULT_UNIX_SOCKET = "/var/run/berth.sock";
    public static final int DEFAULT_HTTP_PORT = 2375;
    public static final DaemonHost DEFAULT = new DaemonHost("unix", DEFAULT_UNIX_SOCKET);

    public DaemonHost {
        if (!scheme.equals("unix") && !scheme.equals("tcp")) {
            throw new IllegalArgumentException("Invalid bind address format: " + scheme + "://" + address);
        }
    }

    public static DaemonHost parse(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            return DEFAULT;
        }
        int sep = value.indexOf("://");
        String scheme = sep < 0 ? "tcp" : value.substring(0, sep);
        String rest = sep < 0 ? value : value.substring(sep + 3);
        return switch (scheme) {
            case "unix" -> unix(text, rest);
            case "tcp" -> tcp(text, rest);
            case "fd" -> throw new IllegalArgumentException(
                    "fd:// hosts are not supported by berthd (it does not use socket activation): " + text);
            default -> throw new IllegalArgumentException("Invalid bind address format: " + text);
        };
    }

    private static DaemonHost unix(String original, String path) {
        if (path.contains("://")) {
            throw new IllegalArgumentException("Invalid proto, expected unix: " + original);
        }
        if (path.isEmpty()) {
            return DEFAULT;
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Invalid bind address format: " + original + " (the socket path must be absolute)");
        }
        return new DaemonHost("unix", path);
    }

    private static DaemonHost tcp(String original, String rest) {
        if (rest.isEmpty()) {
            return new DaemonHost("tcp", "127.0.0.1:" + DEFAULT_HTTP_PORT);
        }
        if (rest.contains("://") || rest.contains("/")) {
            throw new IllegalArgumentException("Invalid bind address format: " + original);
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid bind address format: " + original);
            }
            host = rest.substring(0, close + 1);
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("Invalid bind address format: " + original);
            }
            port = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0 && rest.indexOf(':') != colon) {
                throw new IllegalArgumentException("Invalid bind address format: " + original + " (put IPv6 addresses in brackets)");
            }
            host = colon < 0 ? rest : rest.substring(0, colon);
            port = colon < 0 ? "" : rest.substring(colon + 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        return new DaemonHost("tcp", host + ":" + parsePort(original, port));
    }

    private static int parsePort(String original, String port) {
        if (port.isEmpty()) {
            return DEFAULT_HTTP_PORT;
        }
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the whole address
        }
        throw new IllegalArgumentException("Invalid bind address format: " + original + " (bad port " + port + ")");
    }

    public boolean isUnix() {
        return scheme.equals("unix");
    }

    /** The socket file of a unix host. */
    public Path socketPath() {
        if (!isUnix()) {
            throw new IllegalStateException("not a unix host: " + this);
        }
        return Path.of(address);
    }

    /** The host part of a tcp address, without IPv6 brackets. */
    public String tcpHost() {
        String host = address.substring(0, address.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int tcpPort() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    @Override
    public String toString() {
        return scheme + "://" + address;
    }
}
