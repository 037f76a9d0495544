package dev.berth.image.content;

import dev.berth.oci.Digest;
import java.io.IOException;

/** Content whose bytes do not hash to the digest it was announced with. */
public final class DigestMismatchException extends IOException {
    public DigestMismatchException(Digest expected, Digest actual) {
        super("digest mismatch: expected " + expected + ", got " + actual);
    }
}
