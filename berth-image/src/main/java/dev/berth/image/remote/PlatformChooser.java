package dev.berth.image.remote;

import dev.berth.oci.Descriptor;
import dev.berth.oci.ImageIndex;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.Platform;

/** Picks the image for one platform out of an OCI index or Docker manifest list, as dockerd does. */
final class PlatformChooser {
    private PlatformChooser() {
    }

    static Descriptor choose(ImageIndex index, Platform wanted) {
        if (index.manifests() != null) {
            for (Descriptor d : index.manifests()) {
                if (d.platform() != null && MediaTypes.isManifest(d.mediaType()) && wanted.matches(normalised(d.platform()))) {
                    return d;
                }
            }
        }
        throw new RegistryException(404, "no matching manifest for " + wanted + " in the manifest list entries");
    }

    private static Platform normalised(Platform p) {
        return Platform.of(p.os() == null ? "" : p.os(), p.architecture() == null ? "" : p.architecture(), p.variant());
    }
}
