package dev.berth.oci;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The chain ID of a layer stack: the first layer's diff ID, then
 * {@code sha256(parentChain + " " + diffId)} for each layer above, as the OCI image spec defines.
 */
public record ChainId(Digest digest) {

    public static ChainId of(List<Digest> diffIds) {
        if (diffIds.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one layer");
        }
        ChainId chain = new ChainId(diffIds.getFirst());
        for (Digest d : diffIds.subList(1, diffIds.size())) {
            chain = chain.child(d);
        }
        return chain;
    }

    /** Every prefix chain of the stack, bottom first. */
    public static List<ChainId> all(List<Digest> diffIds) {
        List<ChainId> out = new ArrayList<>();
        ChainId chain = null;
        for (Digest d : diffIds) {
            chain = chain == null ? new ChainId(d) : chain.child(d);
            out.add(chain);
        }
        return out;
    }

    public ChainId child(Digest diffId) {
        return new ChainId(Digest.sha256((digest + " " + diffId).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return digest.toString();
    }
}
