package dev.berth.storage.archive;

import java.io.IOException;

/** A layer entry that would write outside the directory it is applied to; the whole apply is refused. */
public final class LayerEscapeException extends IOException {
    LayerEscapeException(String entryName, String why) {
        super("layer entry \"" + entryName + "\" " + why + "; refusing to apply the layer");
    }
}
