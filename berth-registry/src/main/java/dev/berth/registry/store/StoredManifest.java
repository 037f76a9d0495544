package dev.berth.registry.store;

import dev.berth.oci.Digest;

/** A manifest as stored: its digest, its media type and its exact bytes (a digest is over bytes, not JSON). */
public record StoredManifest(Digest digest, ManifestDocument document, byte[] content) {

    public String mediaType() {
        return document.mediaType();
    }
}
