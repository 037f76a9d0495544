package dev.berth.registry.proxy;

import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.registry.Registry;
import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.errcode.RegistryException;
import dev.berth.registry.store.ManifestReference;
import dev.berth.registry.store.RepositoryName;
import dev.berth.registry.store.StoredManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code proxy}: the registry as a pull-through cache of a remote. A blob or manifest missing here is fetched from
 * the remote, verified against its digest, stored like pushed content and then served from here. A tag is asked of
 * the remote on every pull (tags move); when the remote cannot be reached the cached tag is served. Content not
 * pulled for {@code ttl} is unlinked from its repository by {@link #expire}, and garbage collection reclaims it.
 *
 * <pre>{@code
 * PullThrough cache = new PullThrough(new RemoteRegistry(proxy), registry, proxy.ttl(), Clock.systemUTC());
 * cache.blob(repo, digest);                  // fetched on a miss; then served with sendfile as usual
 * cache.manifest(repo, ManifestReference.parse("latest"));
 * }</pre>
 */
public final class PullThrough {

    /** Every manifest type this registry stores; the remote picks. */
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);

    private record Cached(RepositoryName repo, Digest digest, boolean manifest) {
    }

    private final RemoteRegistry remote;
    private final Registry registry;
    private final Duration ttl;
    private final Clock clock;
    private final Map<Cached, Instant> lastPulled = new ConcurrentHashMap<>();

    public PullThrough(RemoteRegistry remote, Registry registry, Duration ttl, Clock clock) {
        this.remote = remote;
        this.registry = registry;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The blob's size in {@code repo}, fetched from the remote first when missing; empty when the remote lacks it. */
    public OptionalLong blob(RepositoryName repo, Digest digest) throws IOException {
        OptionalLong local = registry.blobs().sizeIn(repo, digest);
        if (local.isEmpty()) {
            local = fetchBlob(repo, digest);
        }
        if (local.isPresent()) {
            lastPulled.put(new Cached(repo, digest, false), clock.instant());
        }
        return local;
    }

    private OptionalLong fetchBlob(RepositoryName repo, Digest digest) throws IOException {
        HttpResponse<InputStream> r = remote.send("GET", repo.value(), "/blobs/" + digest, null);
        try (InputStream body = r.body()) {
            if (r.statusCode() == 404) {
                return OptionalLong.empty();
            }
            requireOk(r, "blob " + digest);
            String uuid = registry.uploads().start(repo);
            try {
                // finish() hashes as it writes and commits only when the content matches the digest
                return OptionalLong.of(registry.uploads().finish(repo, uuid, Channels.newChannel(body), digest));
            } catch (IOException | RuntimeException e) {
                registry.uploads().cancel(repo, uuid);
                throw e;
            }
        }
    }

    /** The manifest a GET or HEAD should answer with; empty when neither the remote nor the cache has it. */
    public Optional<StoredManifest> manifest(RepositoryName repo, ManifestReference ref) throws IOException {
        Optional<StoredManifest> m = switch (ref) {
            case ManifestReference.ByDigest d -> {
                Optional<StoredManifest> local = registry.manifests().get(repo, ref);
                yield local.isPresent() ? local : fetchManifest(repo, ref, d.digest());
            }
            case ManifestReference.Tag t -> byTag(repo, t);
        };
        m.ifPresent(found -> lastPulled.put(new Cached(repo, found.digest(), true), clock.instant()));
        return m;
    }

    private Optional<StoredManifest> byTag(RepositoryName repo, ManifestReference.Tag tag) throws IOException {
        Optional<Digest> current;
        try {
            current = remoteDigest(repo, tag);
        } catch (IOException | RegistryException e) {
            // the remote is down or failing: a cached copy is better than no pull at all
            return registry.manifests().get(repo, tag);
        }
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Optional<Digest> local = registry.manifests().resolveTag(repo, tag.name());
        if (local.equals(current) && registry.manifests().hasRevision(repo, current.get())) {
            return registry.manifests().get(repo, tag);
        }
        return fetchManifest(repo, tag, current.get());
    }

    /** HEAD on the remote for the tag's current digest; empty on 404. */
    private Optional<Digest> remoteDigest(RepositoryName repo, ManifestReference.Tag tag) throws IOException {
        HttpResponse<InputStream> r = remote.send("HEAD", repo.value(), "/manifests/" + tag.name(), ACCEPT);
        r.body().close();
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        requireOk(r, "manifest " + tag.name());
        return Optional.of(Digest.parse(r.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new IOException(remote.base() + " sent no Docker-Content-Digest"))));
    }

    private Optional<StoredManifest> fetchManifest(RepositoryName repo, ManifestReference ref, Digest digest)
            throws IOException {
        HttpResponse<InputStream> r = remote.send("GET", repo.value(), "/manifests/" + digest, ACCEPT);
        byte[] body;
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            requireOk(r, "manifest " + digest);
            body = in.readNBytes(4 << 20);
        }
        registry.manifests().putFetched(repo, ref, body, r.headers().firstValue("Content-Type"), digest);
        return registry.manifests().get(repo, new ManifestReference.ByDigest(digest));
    }

    private void requireOk(HttpResponse<?> r, String what) {
        if (r.statusCode() != 200) {
            throw ErrorCode.UNAVAILABLE.withMessage("remote " + remote.base() + " answered " + r.statusCode()
                    + " for " + what, null);
        }
    }

    /**
     * Unlinks cached content not pulled for {@code ttl}: blob links and manifest revisions (with their tags). Returns
     * how many were unlinked; the blobs themselves go at the next garbage collection.
     */
    public int expire() throws IOException {
        Instant cutoff = clock.instant().minus(ttl);
        List<Cached> old = new ArrayList<>();
        lastPulled.forEach((c, at) -> {
            if (at.isBefore(cutoff)) {
                old.add(c);
            }
        });
        for (Cached c : old) {
            if (c.manifest()) {
                registry.manifests().delete(c.repo(), new ManifestReference.ByDigest(c.digest()));
            } else {
                registry.blobs().unlink(c.repo(), c.digest());
            }
            lastPulled.remove(c);
        }
        return old.size();
    }

    public Duration ttl() {
        return ttl;
    }
}
