package dev.berth.api.client;

import java.nio.file.Path;
import java.util.Objects;

/** The client's TLS material, as {@code --tlscacert}, {@code --tlscert} and {@code --tlskey} name it. */
public record TlsFiles(Path ca, Path cert, Path key) {

    public TlsFiles {
        Objects.requireNonNull(ca, "ca");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    /** The files Docker looks for in a cert directory: ca.pem, cert.pem, key.pem. */
    public static TlsFiles inDirectory(Path dir) {
        return new TlsFiles(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }
}
