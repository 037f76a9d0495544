package dev.berth.cli;

import dev.berth.api.client.TlsFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where berth talks to the daemon, decided like docker decides it: {@code -H}, else
 * {@code BERTH_HOST}, else {@code DOCKER_HOST}, else the default socket; TLS when {@code --tls} or
 * {@code --tlsverify} is given or {@code BERTH_TLS_VERIFY}/{@code DOCKER_TLS_VERIFY} is non-empty,
 * with ca.pem, cert.pem and key.pem from {@code BERTH_CERT_PATH}/{@code DOCKER_CERT_PATH} (else
 * {@code ~/.docker}) unless the flags name them.
 */
public record DaemonEndpoint(URI host, Optional<TlsFiles> tls) {
    public static final String DEFAULT_HOST = "unix:///var/run/berth.sock";

    /** The global options as given on the command line; null means "not given". */
    public record Flags(String host, boolean tls, boolean tlsVerify, Path caCert, Path cert, Path key) {
    }

    public static DaemonEndpoint resolve(Flags flags, Map<String, String> env, Path home) {
        boolean verify = flags.tlsVerify() || !env.getOrDefault("BERTH_TLS_VERIFY", env.getOrDefault("DOCKER_TLS_VERIFY", "")).isEmpty();
        boolean useTls = verify || flags.tls();
        String host = firstNonEmpty(flags.host(), env.get("BERTH_HOST"), env.get("DOCKER_HOST"), DEFAULT_HOST);
        return new DaemonEndpoint(parseHost(host, useTls), useTls ? Optional.of(tlsFiles(flags, env, home)) : Optional.empty());
    }

    /** Docker's host syntax: {@code unix:///path}, {@code tcp://host[:port]} (2375, or 2376 with TLS), or a bare {@code host:port}. */
    static URI parseHost(String host, boolean tls) {
        String value = host.contains("://") ? host : "tcp://" + host;
        URI uri = URI.create(value);
        switch (uri.getScheme()) {
            case "unix" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new IllegalArgumentException("invalid bind address format: " + host);
                }
                return uri;
            }
            case "tcp", "http", "https" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("invalid bind address format: " + host);
                }
                int port = uri.getPort() > 0 ? uri.getPort() : tls ? 2376 : 2375;
                return URI.create("tcp://" + uri.getHost() + ":" + port);
            }
            default -> throw new IllegalArgumentException("Invalid bind address format: " + host);
        }
    }

    private static TlsFiles tlsFiles(Flags flags, Map<String, String> env, Path home) {
        String certPath = firstNonEmpty(env.get("BERTH_CERT_PATH"), env.get("DOCKER_CERT_PATH"), null, null);
        Path dir = certPath != null ? Path.of(certPath) : home.resolve(".docker");
        Path ca = flags.caCert() != null ? flags.caCert() : dir.resolve("ca.pem");
        Path cert = flags.cert() != null ? flags.cert() : existing(dir.resolve("cert.pem"));
        Path key = flags.key() != null ? flags.key() : existing(dir.resolve("key.pem"));
        // docker only presents a client certificate when both halves are there.
        if (cert == null || key == null) {
            cert = null;
            key = null;
        }
        return new TlsFiles(ca, cert, key);
    }

    private static Path existing(Path p) {
        return Files.exists(p) ? p : null;
    }

    private static String firstNonEmpty(String a, String b, String c, String fallback) {
        for (String s : new String[] {a, b, c}) {
            if (s != null && !s.isEmpty()) {
                return s;
            }
        }
        return fallback;
    }
}
