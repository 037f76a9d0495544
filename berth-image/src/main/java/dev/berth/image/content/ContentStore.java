package dev.berth.image.content;

import dev.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Blobs addressed by their digest. Writing is two-phase: open an {@link Ingest}, stream the bytes
 * in, then {@link Ingest#commit} them, which checks the digest and makes the blob visible at once;
 * an ingest that is aborted or never committed leaves nothing visible.
 *
 * <pre>{@code
 * try (Ingest in = store.ingest()) {
 *     source.transferTo(in.stream());
 *     Digest d = in.commit(Optional.of(expected));   // refused if the bytes hash otherwise
 * }
 * try (InputStream blob = store.open(d)) { ... }
 * }</pre>
 */
public interface ContentStore {

    Ingest ingest() throws IOException;

    boolean exists(Digest digest);

    /** The blob's size in bytes, or empty when it is not stored. */
    Optional<Long> size(Digest digest);

    InputStream open(Digest digest) throws IOException;

    /** The file holding a committed blob, for zero-copy reads; never write to it. */
    Path path(Digest digest);

    void delete(Digest digest) throws IOException;

    List<Digest> list() throws IOException;

    /** An in-progress write: bytes are hashed as they arrive. */
    interface Ingest extends AutoCloseable {
        java.io.OutputStream stream();

        long written();

        /** The digest of what was written so far (ends the hashing; write nothing after). */
        Digest digest();

        /** Verifies and publishes the blob; a blob already stored under the digest is kept as is. */
        Digest commit(Optional<Digest> expected) throws IOException;

        /** Discards an uncommitted ingest; a no-op after commit. */
        @Override
        void close() throws IOException;
    }
}
