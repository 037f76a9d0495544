package dev.berth.image.remote;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Chooses the TLS context for HTTPS to one registry. berthd's implementation reads
 * {@code certs.d/HOST:PORT/} (a {@code ca.crt} to trust, a {@code client.cert} and
 * {@code client.key} to present); without such a directory the JDK's default trust applies.
 *
 * <pre>{@code
 * SSLContext ctx = tls.contextFor("registry.example:5000");   // reads certs.d/registry.example:5000/
 * }</pre>
 */
@FunctionalInterface
public interface RegistryTls {
    SSLContext contextFor(String hostPort) throws IOException;

    /**
     * Changes whenever what {@link #contextFor} would read for {@code hostPort} changes, so a
     * client built from an older state is replaced: dockerd reads certs.d on every pull and push.
     */
    default String revision(String hostPort) throws IOException {
        return "";
    }

    /** The JDK's default context for every registry. */
    static RegistryTls system() {
        return hostPort -> {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
        };
    }
}
