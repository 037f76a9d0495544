package dev.berth.image.layer;

import dev.berth.oci.ChainId;
import dev.berth.oci.Digest;
import java.util.Optional;

/**
 * A registered layer: its own diff (by diff ID), where it sits in a stack (chain ID and parent),
 * the committed snapshot holding it, and the bytes its diff applied.
 */
public record Layer(ChainId chainId, Digest diffId, Optional<ChainId> parent, String snapshot, long size) {
}
