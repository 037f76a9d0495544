package dev.berth.registry.store;

import dev.berth.oci.Digest;
import dev.berth.registry.storage.FileInfo;
import dev.berth.registry.storage.PathNotFoundException;
import dev.berth.registry.storage.StorageDriver;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs by digest, stored once and linked into each repository that has them. A blob appears only by an atomic
 * move of verified content ({@link #commitVerified}); a repository sees it only once linked. Every existence
 * check goes through the {@link UsageJournal}, which keeps online garbage collection from deleting a blob a client
 * was just told exists.
 */
public final class BlobStore {

    private final StorageDriver driver;
    private final UsageJournal journal;
    private final Map<Digest, Long> sizes;

    /** @param cacheDescriptors {@code storage.cache.blobdescriptor: inmemory}: remember blob sizes */
    public BlobStore(StorageDriver driver, UsageJournal journal, boolean cacheDescriptors) {
        this.driver = driver;
        this.journal = journal;
        this.sizes = cacheDescriptors ? new ConcurrentHashMap<>() : null;
    }

    public StorageDriver driver() {
        return driver;
    }

    public UsageJournal journal() {
        return journal;
    }

    /** The blob's size when it exists in the store, whatever repository has it. */
    public OptionalLong size(Digest digest) throws IOException {
        return journal.use(digest, () -> globalSize(digest));
    }

    /** The blob's size when it is linked into {@code repo} and its content exists. */
    public OptionalLong sizeIn(RepositoryName repo, Digest digest) throws IOException {
        return journal.use(digest, () -> {
            if (driver.stat(Layout.layerLink(repo, digest)).isEmpty()) {
                return OptionalLong.empty();
            }
            return globalSize(digest);
        });
    }

    private OptionalLong globalSize(Digest digest) throws IOException {
        if (sizes != null) {
            Long cached = sizes.get(digest);
            if (cached != null) {
                return OptionalLong.of(cached);
            }
        }
        Optional<FileInfo> info = driver.stat(Layout.blobData(digest));
        if (info.isEmpty() || info.get().isDirectory()) {
            return OptionalLong.empty();
        }
        if (sizes != null) {
            sizes.put(digest, info.get().size());
        }
        return OptionalLong.of(info.get().size());
    }

    public SeekableByteChannel open(Digest digest) throws IOException {
        return driver.open(Layout.blobData(digest));
    }

    public byte[] read(Digest digest) throws IOException {
        return driver.getContent(Layout.blobData(digest));
    }

    public void link(RepositoryName repo, Digest digest) throws IOException {
        String link = Layout.layerLink(repo, digest);
        if (driver.stat(link).isEmpty()) {
            driver.putContent(link, digest.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Removes the repository's link; false when there was none. The content stays for other repositories. */
    public boolean unlink(RepositoryName repo, Digest digest) throws IOException {
        try {
            driver.delete(Layout.layerLinkDir(repo, digest));
            return true;
        } catch (PathNotFoundException e) {
            return false;
        }
    }

    /** Stores small content (a manifest) under its digest; a no-op when it is there already. */
    public Digest put(byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        journal.use(digest, () -> {
            if (globalSize(digest).isEmpty()) {
                driver.putContent(Layout.blobData(digest), content);
            }
            return null;
        });
        return digest;
    }

    /**
     * Moves verified content at {@code stagedPath} to the blob's place. When the blob exists already (another
     * client uploaded the same content concurrently) the staged copy is dropped instead: content is by digest, so
     * either copy is the blob.
     */
    public void commitVerified(String stagedPath, Digest digest) throws IOException {
        journal.use(digest, () -> {
            if (globalSize(digest).isPresent()) {
                driver.delete(stagedPath);
            } else {
                driver.move(stagedPath, Layout.blobData(digest));
            }
            return null;
        });
    }

    /** Deletes the content; only garbage collection calls this, under the journal's lock. */
    public void deleteContent(Digest digest) throws IOException {
        if (sizes != null) {
            sizes.remove(digest);
        }
        try {
            driver.delete(Layout.blobDir(digest));
        } catch (PathNotFoundException e) {
            // already gone
        }
    }
}
