package dev.berth.daemon.config;

import java.nio.file.Path;

/**
 * TLS on tcp listeners. As in dockerd, giving {@code --tlsverify} at all turns TLS on, and
 * {@code --tls} alone verifies clients unless {@code --tlsverify=false} says otherwise.
 */
public record TlsConfig(boolean enabled, boolean verify, Path caCert, Path cert, Path key) {
}
