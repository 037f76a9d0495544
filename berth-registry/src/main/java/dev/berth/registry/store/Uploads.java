package dev.berth.registry.store;

import dev.berth.oci.Digest;
import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.storage.FileInfo;
import dev.berth.registry.storage.FileWriter;
import dev.berth.registry.storage.PathNotFoundException;
import dev.berth.registry.storage.StorageDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Blob uploads in progress: {@link #start} a session, {@link #append} chunks in order, {@link #finish} with the
 * digest the client claims. The content is hashed as it arrives (the hash state stays in memory between chunks,
 * so finishing a 256 MiB upload does not read it back), checked against the claim, and only then committed to
 * the {@link BlobStore}; a failed or abandoned upload stays under {@code _uploads} until {@link #cancel} or the
 * purger removes it, and is never visible as a blob.
 */
public final class Uploads {

    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int BUFFER = 1 << 18;
    private static final Consumer<ByteBuffer> NO_TAP = buf -> { };

    /** The sha256 state of an upload's bytes so far. */
    private static final class HashState {
        final MessageDigest sha256 = Digest.newSha256();
        long hashed;
    }

    /** What a status query reports. */
    public record Status(String uuid, long size, Instant startedAt) {
    }

    private final StorageDriver driver;
    private final BlobStore blobs;
    private final Map<String, HashState> hashes = new ConcurrentHashMap<>();

    public Uploads(StorageDriver driver, BlobStore blobs) {
        this.driver = driver;
        this.blobs = blobs;
    }

    public String start(RepositoryName repo) throws IOException {
        String uuid = UUID.randomUUID().toString();
        driver.putContent(Layout.uploadStartedAt(repo, uuid),
                Instant.now().toString().getBytes(StandardCharsets.US_ASCII));
        driver.writer(Layout.uploadData(repo, uuid), false).close();
        hashes.put(uuid, new HashState());
        return uuid;
    }

    public Status status(RepositoryName repo, String uuid) throws IOException {
        FileInfo data = dataInfo(repo, uuid);
        return new Status(uuid, data.size(), startedAt(repo, uuid).orElse(data.modTime()));
    }

    /**
     * Appends {@code body}; {@code rangeStart}, from a {@code Content-Range}, must equal the bytes received so far
     * (otherwise 416 with the current {@code Range}). Returns the new size.
     */
    public long append(RepositoryName repo, String uuid, ReadableByteChannel body, OptionalLong rangeStart)
            throws IOException {
        long size = dataInfo(repo, uuid).size();
        if (rangeStart.isPresent() && rangeStart.getAsLong() != size) {
            throw ErrorCode.RANGE_INVALID.withMessage("invalid content range", "upload is at " + size)
                    .withHeaders(Map.of("Range", "0-" + Math.max(0, size - 1),
                            "Docker-Upload-UUID", uuid));
        }
        HashState state = hashes.get(uuid);
        try (FileWriter writer = driver.writer(Layout.uploadData(repo, uuid), true)) {
            if (state != null && state.hashed != writer.size()) {
                hashes.remove(uuid);
                state = null;
            }
            if (state == null) {
                writer.transferFrom(body, NO_TAP);
            } else {
                state.hashed += writer.transferFrom(body, state.sha256::update);
            }
            return writer.size();
        } catch (IOException | RuntimeException e) {
            // the hash may have seen bytes the file did not get; finishing rehashes the file instead
            hashes.remove(uuid);
            throw e;
        }
    }

    /**
     * Appends the last chunk, verifies {@code expected} and commits the blob into {@code repo}. On a mismatch the
     * upload is left as it was, apart from the appended bytes, and DIGEST_INVALID is thrown.
     */
    public long finish(RepositoryName repo, String uuid, ReadableByteChannel lastChunk, Digest expected)
            throws IOException {
        long size = append(repo, uuid, lastChunk, OptionalLong.empty());
        Digest actual = digestOf(repo, uuid, expected.algorithm());
        if (!actual.equals(expected)) {
            throw ErrorCode.DIGEST_INVALID.withMessage("digest did not match content: " + actual, expected.toString());
        }
        blobs.commitVerified(Layout.uploadData(repo, uuid), expected);
        blobs.link(repo, expected);
        forget(repo, uuid);
        return size;
    }

    public void cancel(RepositoryName repo, String uuid) throws IOException {
        dataInfo(repo, uuid);
        forget(repo, uuid);
    }

    private void forget(RepositoryName repo, String uuid) throws IOException {
        hashes.remove(uuid);
        try {
            driver.delete(Layout.uploadDir(repo, uuid));
        } catch (PathNotFoundException e) {
            // cancelled concurrently
        }
    }

    /** Deletes the upload directory of a stale upload (the purger's entry point); the hash state goes with it. */
    public void purge(String uploadDir) throws IOException {
        hashes.remove(Layout.baseName(uploadDir));
        try {
            driver.delete(uploadDir);
        } catch (PathNotFoundException e) {
            // finished or cancelled meanwhile
        }
    }

    Optional<Instant> startedAt(RepositoryName repo, String uuid) throws IOException {
        return startedAt(Layout.uploadDir(repo, uuid));
    }

    public Optional<Instant> startedAt(String uploadDir) throws IOException {
        try {
            return Optional.of(Instant.parse(new String(driver.getContent(uploadDir + "/startedat"),
                    StandardCharsets.US_ASCII).strip()));
        } catch (PathNotFoundException | java.time.format.DateTimeParseException e) {
            return driver.stat(uploadDir).map(FileInfo::modTime);
        }
    }

    private FileInfo dataInfo(RepositoryName repo, String uuid) throws IOException {
        if (!UUID_FORMAT.matcher(uuid).matches()) {
            throw ErrorCode.BLOB_UPLOAD_UNKNOWN.with(uuid);
        }
        return driver.stat(Layout.uploadData(repo, uuid)).orElseThrow(() -> ErrorCode.BLOB_UPLOAD_UNKNOWN.with(uuid));
    }

    private Digest digestOf(RepositoryName repo, String uuid, String algorithm) throws IOException {
        HashState state = hashes.get(uuid);
        long size = dataInfo(repo, uuid).size();
        if (algorithm.equals("sha256") && state != null && state.hashed == size) {
            return Digest.fromSha256(state.sha256);
        }
        return rehash(Layout.uploadData(repo, uuid), algorithm);
    }

    private Digest rehash(String path, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (SeekableByteChannel ch = driver.open(path)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            while (ch.read(buf) > 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
    }
}
