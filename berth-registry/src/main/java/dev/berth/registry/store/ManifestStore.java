package dev.berth.registry.store;

import dev.berth.oci.Digest;
import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.storage.PathNotFoundException;
import dev.berth.registry.storage.StorageDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manifests of repositories: the content lives in the {@link BlobStore}; a repository has a manifest when it has a
 * revision link to it, and a tag is a link to a revision. A PUT is accepted only when everything the manifest
 * references is already in the repository, which is what makes a pulled image complete.
 */
public final class ManifestStore {

    /** Manifests are small and immutable by digest; this many stay parsed in memory for fast GETs. */
    private static final int CACHE_ENTRIES = 4096;

    /** What a PUT did: the digest, and the subject when the manifest refers to one (for {@code OCI-Subject}). */
    public record PutResult(Digest digest, Optional<Digest> subject) {
    }

    /** One entry of a referrers response. */
    public record Referrer(Digest digest, String mediaType, long size, Optional<String> artifactType,
                           Map<String, String> annotations) {
    }

    private final StorageDriver driver;
    private final BlobStore blobs;
    private final Map<Digest, StoredManifest> cache = new ConcurrentHashMap<>();

    public ManifestStore(StorageDriver driver, BlobStore blobs) {
        this.driver = driver;
        this.blobs = blobs;
    }

    public PutResult put(RepositoryName repo, ManifestReference reference, byte[] body, Optional<String> contentType)
            throws IOException {
        ManifestDocument doc = ManifestDocument.parse(body, contentType);
        Digest computed = Digest.sha256(body);
        Optional<Digest> claimed = reference.asDigest();
        if (claimed.isPresent() && !claimed.get().equals(computed)) {
            throw ErrorCode.DIGEST_INVALID.withMessage("manifest digest did not match content: " + computed,
                    claimed.get().toString());
        }
        checkReferences(repo, doc);
        return store(repo, reference, body, doc);
    }

    /**
     * Stores a manifest fetched by the pull-through cache without requiring its blobs: those are fetched from the
     * remote when first pulled. The digest is checked as for a PUT.
     */
    public PutResult putFetched(RepositoryName repo, ManifestReference reference, byte[] body,
                                Optional<String> contentType, Digest expected) throws IOException {
        ManifestDocument doc = ManifestDocument.parse(body, contentType);
        Digest computed = Digest.sha256(body);
        if (!expected.equals(computed)) {
            throw ErrorCode.DIGEST_INVALID.withMessage("fetched manifest digest did not match content: " + computed,
                    expected.toString());
        }
        return store(repo, reference, body, doc);
    }

    private void checkReferences(RepositoryName repo, ManifestDocument doc) throws IOException {
        for (ManifestDocument.Ref ref : doc.blobs()) {
            if (blobs.sizeIn(repo, ref.digest()).isEmpty()) {
                throw ErrorCode.MANIFEST_BLOB_UNKNOWN.withMessage("blob unknown to registry", ref.digest().toString());
            }
        }
        for (ManifestDocument.Ref ref : doc.manifests()) {
            boolean present = blobs.journal().use(ref.digest(), () -> hasRevision(repo, ref.digest()));
            if (!present) {
                throw ErrorCode.MANIFEST_BLOB_UNKNOWN.withMessage("manifest unknown to registry",
                        ref.digest().toString());
            }
        }
    }

    private PutResult store(RepositoryName repo, ManifestReference reference, byte[] body, ManifestDocument doc)
            throws IOException {
        Digest digest = blobs.put(body);
        cache.putIfAbsent(digest, new StoredManifest(digest, doc, body));
        driver.putContent(Layout.revisionLink(repo, digest), link(digest));
        if (reference instanceof ManifestReference.Tag tag) {
            driver.putContent(Layout.tagIndexLink(repo, tag.name(), digest), link(digest));
            driver.putContent(Layout.tagCurrent(repo, tag.name()), link(digest));
        }
        if (doc.subject().isPresent()) {
            driver.putContent(Layout.referrerLink(repo, doc.subject().get(), digest), link(digest));
        }
        return new PutResult(digest, doc.subject());
    }

    public Optional<StoredManifest> get(RepositoryName repo, ManifestReference reference) throws IOException {
        Optional<Digest> digest = switch (reference) {
            case ManifestReference.Tag tag -> resolveTag(repo, tag.name());
            case ManifestReference.ByDigest d -> Optional.of(d.digest());
        };
        if (digest.isEmpty() || !hasRevision(repo, digest.get())) {
            return Optional.empty();
        }
        return load(digest.get());
    }

    /** The manifest content by digest, whatever repository has it. */
    public Optional<StoredManifest> load(Digest digest) throws IOException {
        StoredManifest cached = cache.get(digest);
        if (cached != null) {
            return Optional.of(cached);
        }
        byte[] content;
        try {
            content = blobs.read(digest);
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
        StoredManifest m = new StoredManifest(digest, ManifestDocument.parse(content, Optional.empty()), content);
        if (cache.size() >= CACHE_ENTRIES) {
            cache.clear();
        }
        cache.put(digest, m);
        return Optional.of(m);
    }

    public Optional<Digest> resolveTag(RepositoryName repo, String tag) throws IOException {
        try {
            return Optional.of(parseLink(driver.getContent(Layout.tagCurrent(repo, tag))));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean hasRevision(RepositoryName repo, Digest digest) throws IOException {
        return driver.stat(Layout.revisionLink(repo, digest)).isPresent();
    }

    /**
     * By digest: removes the revision, every tag pointing at it and its referrer entry. By tag: removes the tag
     * only. False when there was nothing to remove.
     */
    public boolean delete(RepositoryName repo, ManifestReference reference) throws IOException {
        if (reference instanceof ManifestReference.Tag tag) {
            return deleteQuietly(Layout.tagDir(repo, tag.name()));
        }
        Digest digest = reference.asDigest().orElseThrow();
        if (!hasRevision(repo, digest)) {
            return false;
        }
        for (String tag : tags(repo)) {
            if (resolveTag(repo, tag).filter(digest::equals).isPresent()) {
                deleteQuietly(Layout.tagDir(repo, tag));
            }
        }
        Optional<StoredManifest> m = load(digest);
        if (m.isPresent() && m.get().document().subject().isPresent()) {
            deleteQuietly(Layout.referrerLink(repo, m.get().document().subject().get(), digest)
                    .replaceAll("/link$", ""));
        }
        return deleteQuietly(Layout.revisionDir(repo, digest));
    }

    /** Removes a revision link only (garbage collection of untagged manifests). */
    public void deleteRevision(RepositoryName repo, Digest digest) throws IOException {
        Optional<StoredManifest> m = load(digest);
        if (m.isPresent() && m.get().document().subject().isPresent()) {
            deleteQuietly(Layout.referrerLink(repo, m.get().document().subject().get(), digest)
                    .replaceAll("/link$", ""));
        }
        deleteQuietly(Layout.revisionDir(repo, digest));
    }

    /** The repository's tags, sorted; NAME_UNKNOWN when the repository does not exist. */
    public List<String> tags(RepositoryName repo) throws IOException {
        try {
            return driver.list(Layout.tags(repo)).stream().map(Layout::baseName).sorted().toList();
        } catch (PathNotFoundException e) {
            if (driver.stat(Layout.repository(repo)).isEmpty()) {
                throw ErrorCode.NAME_UNKNOWN.withMessage("repository name not known to registry",
                        Map.of("name", repo.value()));
            }
            return List.of();
        }
    }

    /** Every manifest revision of the repository. */
    public List<Digest> revisions(RepositoryName repo) throws IOException {
        return digestsUnder(Layout.revisions(repo));
    }

    /** Manifests in {@code repo} whose subject is {@code subject}, optionally only those of one artifact type. */
    public List<Referrer> referrers(RepositoryName repo, Digest subject, Optional<String> artifactType)
            throws IOException {
        Map<Digest, Referrer> found = new LinkedHashMap<>();
        for (Digest d : digestsUnder(Layout.referrers(repo, subject))) {
            if (!hasRevision(repo, d)) {
                continue;
            }
            Optional<StoredManifest> m = load(d);
            if (m.isEmpty()) {
                continue;
            }
            ManifestDocument doc = m.get().document();
            if (artifactType.isPresent() && !artifactType.equals(doc.artifactType())) {
                continue;
            }
            found.put(d, new Referrer(d, doc.mediaType(), m.get().content().length, doc.artifactType(),
                    doc.annotations()));
        }
        return new ArrayList<>(found.values());
    }

    /** Digests laid out as {@code dir/ALGORITHM/HEX/…}. */
    private List<Digest> digestsUnder(String dir) throws IOException {
        List<Digest> digests = new ArrayList<>();
        List<String> algorithms;
        try {
            algorithms = driver.list(dir);
        } catch (PathNotFoundException e) {
            return digests;
        }
        for (String algorithm : algorithms) {
            List<String> hexes;
            try {
                hexes = driver.list(algorithm);
            } catch (PathNotFoundException e) {
                continue;
            }
            for (String hex : hexes) {
                try {
                    digests.add(new Digest(Layout.baseName(algorithm), Layout.baseName(hex)));
                } catch (IllegalArgumentException e) {
                    // not a digest directory; nothing of ours
                }
            }
        }
        return digests;
    }

    private boolean deleteQuietly(String path) throws IOException {
        try {
            driver.delete(path);
            return true;
        } catch (PathNotFoundException e) {
            return false;
        }
    }

    private static byte[] link(Digest digest) {
        return digest.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Digest parseLink(byte[] content) {
        return Digest.parse(new String(content, StandardCharsets.US_ASCII).strip());
    }
}
