package dev.berth.registry.storage;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/**
 * A dumb, path-shaped store under the registry: files addressed by absolute slash-separated paths
 * ({@code /docker/registry/v2/blobs/sha256/ab/ab…/data}), with directories implied by the files in them. Blobs,
 * links, tags and uploads are all layered above it by {@code dev.berth.registry.store}.
 *
 * <p>One upload walks through it like this: the registry opens {@link #writer} on
 * {@code …/_uploads/<uuid>/data} and appends the request bodies; it {@link #stat}s the file to answer a status
 * query; once the digest is verified it {@link #move}s the file onto {@code …/blobs/…/data}, which makes the blob
 * appear atomically and complete; then it {@link #putContent}s a small link file in the repository. A pull
 * {@link #open}s the blob (a {@link java.nio.channels.FileChannel} on the filesystem driver, so the server can
 * send it with zero copies). Garbage collection {@link #list}s directories and {@link #delete}s trees.
 *
 * <p>Paths match {@code (/[A-Za-z0-9._-]+)+}; anything else is rejected with {@link IllegalArgumentException}.
 * A missing path is {@link PathNotFoundException}. All methods are safe to call from many threads.
 */
public interface StorageDriver {

    /** The driver's name as config.yml spells it. */
    String name();

    /** The whole file. */
    byte[] getContent(String path) throws IOException;

    /** Replaces the file atomically: readers see the old content or the new, never a mix. */
    void putContent(String path, byte[] content) throws IOException;

    /** A read channel positioned at 0; the caller closes it. */
    SeekableByteChannel open(String path) throws IOException;

    /**
     * A writer that appends to the file (or truncates it first when {@code append} is false), creating it and its
     * directories. What was written is visible to {@link #stat} and {@link #open} after {@code close()}, which
     * also makes it durable.
     */
    FileWriter writer(String path, boolean append) throws IOException;

    /** Size, modification time and kind, or empty when nothing is there. */
    Optional<FileInfo> stat(String path) throws IOException;

    /** The full paths of the direct children of a directory, sorted. */
    List<String> list(String path) throws IOException;

    /** Renames {@code source} onto {@code dest} atomically, replacing it and creating its directories. */
    void move(String source, String dest) throws IOException;

    /** Removes a file or a whole directory tree. */
    void delete(String path) throws IOException;
}
