package dev.berth.daemon.distribution;

import dev.berth.http.TlsContexts;
import dev.berth.image.remote.RegistryTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * dockerd's per-registry TLS: {@code certs.d/HOST:PORT/} may hold {@code ca.crt} (or any
 * {@code *.crt}) to trust and {@code client.cert} with {@code client.key} to present. berthd keeps it
 * next to its daemon.json ({@code /etc/berth/certs.d} by default), so a daemon on a temporary config
 * file has a temporary certs.d too.
 */
final class CertsDirectory implements RegistryTls {
    private final Path root;

    CertsDirectory(Path root) {
        this.root = root;
    }

    @Override
    public SSLContext contextFor(String hostPort) throws IOException {
        Path dir = root.resolve(hostPort);
        if (!Files.isDirectory(dir)) {
            return system();
        }
        Path ca = firstCa(dir);
        Path cert = dir.resolve("client.cert");
        Path key = dir.resolve("client.key");
        boolean client = Files.isRegularFile(cert) && Files.isRegularFile(key);
        try {
            return TlsContexts.client(ca, client ? cert : null, client ? key : null);
        } catch (GeneralSecurityException e) {
            throw new IOException("could not load the certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The names, sizes and modification times of the files in {@code certs.d/HOST:PORT/}. */
    @Override
    public String revision(String hostPort) throws IOException {
        Path dir = root.resolve(hostPort);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                sb.append(p.getFileName()).append(':').append(a.size()).append(':')
                        .append(a.lastModifiedTime().toMillis()).append(';');
            }
        } catch (NoSuchFileException goneMeanwhile) {
            return "";
        }
        return sb.toString();
    }

    private static Path firstCa(Path dir) throws IOException {
        Path ca = dir.resolve("ca.crt");
        if (Files.isRegularFile(ca)) {
            return ca;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".crt")).sorted().findFirst().orElse(null);
        }
    }

    private static SSLContext system() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
