package dev.berth.registry.gc;

import dev.berth.oci.Digest;
import dev.berth.registry.storage.PathNotFoundException;
import dev.berth.registry.storage.StorageDriver;
import dev.berth.registry.store.BlobStore;
import dev.berth.registry.store.Layout;
import dev.berth.registry.store.ManifestDocument;
import dev.berth.registry.store.ManifestStore;
import dev.berth.registry.store.Repositories;
import dev.berth.registry.store.RepositoryName;
import dev.berth.registry.store.StoredManifest;
import dev.berth.registry.store.UsageJournal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mark and sweep: marks every manifest a tag reaches (or, without {@code deleteUntagged}, every manifest revision),
 * what those reference, and their referrers; then deletes unmarked blobs, and with {@code deleteUntagged} the
 * unmarked revisions.
 *
 * <p>It may run while the registry serves pushes: each deletion happens under the {@link UsageJournal} lock of its
 * digest and is skipped when the digest was used at or after the cut-off ({@code start - grace}). An upload
 * committed, a blob checked or a manifest pushed during the run is therefore never collected by it.
 */
public final class GarbageCollector {

    /** How one run behaves; {@code grace} protects objects used shortly before the run began. */
    public record Options(boolean dryRun, boolean deleteUntagged, Duration grace) {
    }

    /** What one run found and did (or, in a dry run, would do). */
    public record Report(int manifestsMarked, int blobsMarked, List<String> blobsDeleted,
                         List<String> manifestsDeleted, int keptBecauseInUse, boolean dryRun) {
    }

    private final StorageDriver driver;
    private final BlobStore blobs;
    private final ManifestStore manifests;
    private final Repositories repositories;
    private final UsageJournal journal;

    public GarbageCollector(StorageDriver driver, BlobStore blobs, ManifestStore manifests, UsageJournal journal) {
        this.driver = driver;
        this.blobs = blobs;
        this.manifests = manifests;
        this.repositories = new Repositories(driver);
        this.journal = journal;
    }

    public synchronized Report collect(Options options) throws IOException {
        Instant cutoff = Instant.now().minus(options.grace());
        Set<Digest> markedBlobs = new HashSet<>();
        int manifestsMarked = 0;
        int[] kept = {0};
        List<String> manifestsDeleted = new ArrayList<>();
        for (RepositoryName repo : repositories.all()) {
            Set<Digest> markedHere = markRepository(repo, options.deleteUntagged(), markedBlobs);
            manifestsMarked += markedHere.size();
            if (!options.deleteUntagged()) {
                continue;
            }
            for (Digest revision : manifests.revisions(repo)) {
                if (markedHere.contains(revision)) {
                    continue;
                }
                if (options.dryRun()) {
                    manifestsDeleted.add(repo + "@" + revision);
                } else if (journal.unlessUsedSince(revision, cutoff, () -> {
                    manifests.deleteRevision(repo, revision);
                    return null;
                })) {
                    manifestsDeleted.add(repo + "@" + revision);
                } else {
                    kept[0]++;
                }
            }
        }
        List<String> blobsDeleted = sweepBlobs(markedBlobs, cutoff, options.dryRun(), kept);
        journal.forgetBefore(cutoff);
        return new Report(manifestsMarked, markedBlobs.size(), blobsDeleted, manifestsDeleted, kept[0],
                options.dryRun());
    }

    /** Marks what the repository's roots reach; returns the manifests marked in it. */
    private Set<Digest> markRepository(RepositoryName repo, boolean onlyTagged, Set<Digest> markedBlobs)
            throws IOException {
        Deque<Digest> pending = new ArrayDeque<>();
        for (String tag : manifests.tags(repo)) {
            manifests.resolveTag(repo, tag).ifPresent(pending::add);
        }
        if (!onlyTagged) {
            pending.addAll(manifests.revisions(repo));
        }
        Set<Digest> marked = new HashSet<>();
        while (!pending.isEmpty()) {
            Digest d = pending.pop();
            if (!marked.add(d)) {
                continue;
            }
            markedBlobs.add(d);
            Optional<StoredManifest> m = manifests.load(d);
            if (m.isEmpty()) {
                continue;
            }
            ManifestDocument doc = m.get().document();
            doc.blobs().forEach(r -> markedBlobs.add(r.digest()));
            doc.manifests().forEach(r -> pending.add(r.digest()));
            manifests.referrers(repo, d, Optional.empty()).forEach(r -> pending.add(r.digest()));
        }
        return marked;
    }

    private List<String> sweepBlobs(Set<Digest> marked, Instant cutoff, boolean dryRun, int[] kept)
            throws IOException {
        List<String> deleted = new ArrayList<>();
        for (Digest d : allBlobs()) {
            if (marked.contains(d)) {
                continue;
            }
            if (dryRun) {
                deleted.add(d.toString());
            } else if (journal.unlessUsedSince(d, cutoff, () -> {
                blobs.deleteContent(d);
                return null;
            })) {
                deleted.add(d.toString());
            } else {
                kept[0]++;
            }
        }
        if (!dryRun) {
            unlinkDeleted(deleted, cutoff);
        }
        return deleted;
    }

    /** Drops repositories' links to blobs that are gone, unless the blob was used (re-uploaded) meanwhile. */
    private void unlinkDeleted(List<String> deleted, Instant cutoff) throws IOException {
        if (deleted.isEmpty()) {
            return;
        }
        for (RepositoryName repo : repositories.all()) {
            for (String s : deleted) {
                Digest d = Digest.parse(s);
                if (driver.stat(Layout.layerLink(repo, d)).isEmpty()) {
                    continue;
                }
                journal.unlessUsedSince(d, cutoff, () -> {
                    if (driver.stat(Layout.blobData(d)).isEmpty()) {
                        blobs.unlink(repo, d);
                    }
                    return null;
                });
            }
        }
    }

    private List<Digest> allBlobs() throws IOException {
        List<Digest> all = new ArrayList<>();
        for (String algorithm : listOrEmpty(Layout.BLOBS)) {
            for (String prefix : listOrEmpty(algorithm)) {
                for (String hex : listOrEmpty(prefix)) {
                    try {
                        all.add(new Digest(Layout.baseName(algorithm), Layout.baseName(hex)));
                    } catch (IllegalArgumentException e) {
                        // not a blob directory
                    }
                }
            }
        }
        return all;
    }

    private List<String> listOrEmpty(String dir) throws IOException {
        try {
            return driver.list(dir);
        } catch (PathNotFoundException e) {
            return List.of();
        }
    }
}
