package dev.berth.image;

import dev.berth.image.layer.Layer;
import dev.berth.image.layer.LayerStore;
import dev.berth.image.mutate.ConfigChanges;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.ContainerConfig;
import dev.berth.oci.ImageConfig;
import dev.berth.oci.OciJson;
import dev.berth.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code docker import}: one layer from a rootfs tar, and a config made from the changes given. */
public final class ImageImporter {
    private final LayerStore layers;
    private final ImageStore images;
    private final String engineVersion;

    public ImageImporter(LayerStore layers, ImageStore images, String engineVersion) {
        this.layers = layers;
        this.images = images;
        this.engineVersion = engineVersion;
    }

    /**
     * Imports a (possibly compressed) tar. The changes are checked before any byte is read, so a bad
     * change leaves nothing behind.
     */
    public Image importTar(InputStream tar, String source, Optional<String> message, List<String> changes,
                           Platform platform) throws IOException {
        ContainerConfig config = ConfigChanges.apply(ContainerConfig.empty(), changes);
        Layer layer = layers.register(tar, Optional.empty(), Optional.empty());
        String comment = message.filter(m -> !m.isEmpty()).orElse("Imported from " + source);
        String created = Instant.now().toString();
        ImageConfig image = new ImageConfig(platform.architecture(), platform.variant(), platform.os(), null, comment,
                config, null, null, created, engineVersion,
                List.of(new ImageConfig.History(created, null, null, comment, false)),
                ImageConfig.RootFs.layers(List.of(layer.diffId())));
        return images.create(OciJson.bytes(image));
    }
}
