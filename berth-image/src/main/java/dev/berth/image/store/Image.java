package dev.berth.image.store;

import dev.berth.image.layer.Layer;
import dev.berth.oci.Digest;
import dev.berth.oci.ImageConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An image in the store: its ID (the config digest), parsed config, layer stack and bookkeeping. */
public record Image(Digest id, ImageConfig config, long configSize, List<Layer> layers, Optional<Instant> lastTagTime) {

    /** The sum of the layers' applied sizes, as Docker reports an image's Size. */
    public long size() {
        return layers.stream().mapToLong(Layer::size).sum();
    }

    /** The creation time the config declares, or the epoch when it names none. */
    public Instant created() {
        String c = config.created();
        return c == null || c.isEmpty() ? Instant.EPOCH : Instant.parse(c);
    }
}
