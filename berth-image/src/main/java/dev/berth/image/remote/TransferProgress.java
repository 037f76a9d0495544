package dev.berth.image.remote;

import dev.berth.oci.Digest;

/**
 * What a pull or push reports as it goes, in the words of Docker's progress stream: whole-operation
 * lines ({@code Pulling from library/busybox}), per-layer states ({@code Pull complete}) and byte
 * counts ({@code Downloading 3.6MB/10MB}). Layers move concurrently, so implementations must be
 * thread-safe. berthd turns these into JSON messages; tests collect them.
 */
public interface TransferProgress {
    TransferProgress NONE = new TransferProgress() {
        @Override
        public void status(String id, String text) {
        }

        @Override
        public void bytes(String id, String status, long current, long total) {
        }
    };

    /** A line about the whole operation ({@code id} empty) or a state of one layer or tag. */
    void status(String id, String text);

    /** Bytes moved for one layer; {@code total} is 0 when unknown. */
    void bytes(String id, String status, long current, long total);

    /** The pushed manifest of one tag (Docker's {@code aux} message). */
    default void pushed(String tag, Digest digest, int size) {
    }
}
