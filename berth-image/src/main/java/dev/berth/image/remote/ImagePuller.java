package dev.berth.image.remote;

import dev.berth.image.content.DigestMismatchException;
import dev.berth.image.layer.Layer;
import dev.berth.image.layer.LayerStore;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.ChainId;
import dev.berth.oci.Descriptor;
import dev.berth.oci.Digest;
import dev.berth.oci.ImageConfig;
import dev.berth.oci.ImageIndex;
import dev.berth.oci.ImageManifest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.oci.Platform;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code docker pull}: resolves a reference to one platform's manifest (trying Docker Hub mirrors
 * first), downloads the layers the store lacks concurrently into temporary files (each verified
 * against its digest, retried on I/O failures), applies them in order (each checked against its
 * diff ID), then creates and tags the image. A failed pull leaves no blob and no layer it added.
 *
 * <pre>{@code
 * ImagePuller.Pulled p = puller.pull(Reference.parse("127.0.0.1:5000/busybox"), Optional.empty(),
 *         Credentials.ANONYMOUS, new RegistryTransport(options), progress);
 * p.image().id();   // now tagged 127.0.0.1:5000/busybox:latest and …@sha256:<manifest digest>
 * }</pre>
 */
public final class ImagePuller {
    static final String SCHEMA1_REMOVED = "[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest"
            + " version 2, schema 1 support has been removed. Suggest the author of %s to upgrade the image to the"
            + " OCI Format or Docker Image manifest v2, schema 2. More information at"
            + " https://docs.docker.com/go/deprecated-image-specs/";
    private final LayerStore layers;
    private final ImageStore images;
    private final BlobSources sources;
    private final Path downloads;

    /**
     * {@code downloads} holds compressed blobs between download and apply. They are never needed
     * after a crash (the layer is what counts), so they are not synced, and the directory is
     * emptied here at start.
     */
    public ImagePuller(LayerStore layers, ImageStore images, BlobSources sources, Path downloads)
            throws IOException {
        this.layers = layers;
        this.images = images;
        this.sources = sources;
        this.downloads = downloads;
        Files.createDirectories(downloads);
        try (var leftovers = Files.list(downloads)) {
            for (Path p : leftovers.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The pulled image, the digest of the manifest (or index) it came from, and whether the name moved. */
    public record Pulled(Image image, Reference reference, Digest manifestDigest, boolean updated) {
    }

    private record Resolved(RemoteRepository repo, Digest topDigest, ImageManifest manifest) {
    }

    public Pulled pull(Reference reference, Optional<Platform> platform, Credentials credentials,
                       RegistryTransport transport, TransferProgress progress) throws IOException {
        Reference ref = reference.withDefaultTag();
        Resolved resolved = resolve(ref, platform.orElse(Platform.host()), credentials, transport);
        progress.status(ref.tag().orElseGet(() -> ref.digest().orElseThrow().toString()), "Pulling from " + ref.path());
        Optional<Digest> before = images.lookup(ref);
        Image image = fetch(resolved, ref, progress, transport.options());
        if (ref.tag().isPresent()) {
            images.tag(image.id(), ref);
        }
        images.tag(image.id(), ref.withDigest(resolved.topDigest()));
        boolean updated = !before.equals(Optional.of(image.id()));
        progress.status("", "Digest: " + resolved.topDigest());
        progress.status("", "Status: " + (updated ? "Downloaded newer image for " : "Image is up to date for ")
                + ref.familiar());
        return new Pulled(image, ref, resolved.topDigest(), updated);
    }

    /** {@code docker pull --all-tags}: every tag the repository lists, one after the other. */
    public List<Pulled> pullAllTags(Reference repository, Optional<Platform> platform, Credentials credentials,
                                    RegistryTransport transport, TransferProgress progress) throws IOException {
        RegistryClient client = transport.connect(repository.domain(), credentials, false);
        List<Pulled> out = new ArrayList<>();
        for (String tag : new RemoteRepository(client, repository.path(), false).tags()) {
            out.add(pull(repository.withTag(tag), platform, credentials, transport, progress));
        }
        return out;
    }

    /** Finds the manifest on the first endpoint that has it; the last endpoint's failure is the one reported. */
    private Resolved resolve(Reference ref, Platform platform, Credentials credentials, RegistryTransport transport)
            throws IOException {
        List<URI> endpoints = transport.preferWorking(transport.options().endpoints(ref.domain(), true));
        for (int i = 0; ; i++) {
            try {
                RegistryClient client = transport.connect(endpoints.get(i), ref.domain(), credentials,
                        i < endpoints.size() - 1);
                return resolve(new RemoteRepository(client, ref.path(), false), ref, platform);
            } catch (IOException e) {
                if (i == endpoints.size() - 1) {
                    throw e;
                }
            } catch (RegistryException e) {
                // A mirror without the image falls through to the origin; the origin's answer stands.
                if (i == endpoints.size() - 1 || !transport.options().mirrors().contains(endpoints.get(i))) {
                    throw e;
                }
            }
        }
    }

    private Resolved resolve(RemoteRepository repo, Reference ref, Platform platform) throws IOException {
        String wanted = ref.digest().map(Digest::toString).orElseGet(() -> ref.tag().orElseThrow());
        RemoteRepository.Manifest top = repo.manifest(wanted);
        RemoteRepository.Manifest chosen = top;
        String type = mediaType(top);
        if (MediaTypes.isIndex(type)) {
            Descriptor d = PlatformChooser.choose(OciJson.read(top.bytes(), ImageIndex.class), platform);
            chosen = repo.manifest(d.digest());
            type = mediaType(chosen);
        }
        if (type.equals(MediaTypes.DOCKER_SCHEMA1) || type.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
            throw new RegistryException(400, SCHEMA1_REMOVED.formatted(ref.familiar()));
        }
        if (!MediaTypes.isManifest(type)) {
            throw new RegistryException(400, "unsupported manifest media type for " + ref.familiar() + ": " + type);
        }
        return new Resolved(repo, top.digest(), OciJson.read(chosen.bytes(), ImageManifest.class));
    }

    /** The manifest's media type from its body, or from Content-Type for schema 1 and bodies without one. */
    private static String mediaType(RemoteRepository.Manifest m) {
        try {
            var tree = OciJson.mapper().readTree(m.bytes());
            if (tree.path("schemaVersion").asInt(0) == 1) {
                return MediaTypes.DOCKER_SCHEMA1;
            }
            String inBody = tree.path("mediaType").asText("");
            if (!inBody.isEmpty()) {
                return inBody;
            }
            if (tree.has("manifests")) {
                return MediaTypes.OCI_INDEX;
            }
        } catch (IOException e) {
            throw new RegistryException(500, "invalid manifest: " + e.getMessage());
        }
        return m.mediaType().isEmpty() ? MediaTypes.OCI_MANIFEST : m.mediaType();
    }

    private Image fetch(Resolved r, Reference ref, TransferProgress progress, RemoteOptions options) throws IOException {
        Digest configDigest = r.manifest().config().parsedDigest();
        byte[] config = images.get(configDigest).isPresent() ? images.configBytes(configDigest)
                : fetchSmallBlob(r.repo(), configDigest);
        List<Digest> diffIds = OciJson.read(config, ImageConfig.class).diffIds();
        List<Descriptor> blobs = r.manifest().layers() == null ? List.of() : r.manifest().layers();
        if (blobs.size() != diffIds.size()) {
            throw new RegistryException(500, "layers from manifest don't match image configuration");
        }
        new LayerPull(r.repo(), ref, blobs, diffIds, progress, options).run();
        return images.create(config);
    }

    private static byte[] fetchSmallBlob(RemoteRepository repo, Digest digest) throws IOException {
        byte[] bytes;
        try (InputStream in = repo.blob(digest)) {
            bytes = in.readAllBytes();
        }
        if (!Digest.sha256(bytes).equals(digest)) {
            throw new RegistryException(500, "image config verification failed for digest " + digest);
        }
        return bytes;
    }

    /** One pull's layers: concurrent verified downloads, ordered application, and the clean-up of a failure. */
    private final class LayerPull {
        private final RemoteRepository repo;
        private final Reference ref;
        private final List<Descriptor> blobs;
        private final List<Digest> diffIds;
        private final TransferProgress progress;
        private final RemoteOptions options;
        private final Semaphore permits;
        private final List<Future<Path>> fetched = new ArrayList<>();
        private final List<Layer> added = new ArrayList<>();

        LayerPull(RemoteRepository repo, Reference ref, List<Descriptor> blobs, List<Digest> diffIds,
                  TransferProgress progress, RemoteOptions options) {
            this.repo = repo;
            this.ref = ref;
            this.blobs = blobs;
            this.diffIds = diffIds;
            this.progress = progress;
            this.options = options;
            this.permits = new Semaphore(options.maxConcurrentDownloads());
        }

        void run() throws IOException {
            boolean done = false;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                try {
                    startDownloads(pool);
                    applyInOrder();
                    done = true;
                } finally {
                    if (!done) {
                        fetched.stream().filter(f -> f != null).forEach(f -> f.cancel(true));
                    }
                }
            } finally {
                cleanUp(done);
            }
        }

        private void startDownloads(ExecutorService pool) {
            for (int i = 0; i < blobs.size(); i++) {
                Descriptor blob = blobs.get(i);
                String id = blob.parsedDigest().shortId();
                if (layers.get(ChainId.of(diffIds.subList(0, i + 1))).isPresent()) {
                    progress.status(id, "Already exists");
                    fetched.add(null);
                } else {
                    progress.status(id, "Pulling fs layer");
                    fetched.add(pool.submit(() -> download(blob)));
                }
            }
        }

        private void applyInOrder() throws IOException {
            Optional<Layer> parent = Optional.empty();
            for (int i = 0; i < blobs.size(); i++) {
                Future<Path> f = fetched.get(i);
                if (f == null) {
                    parent = layers.get(ChainId.of(diffIds.subList(0, i + 1)));
                    continue;
                }
                parent = Optional.of(apply(blobs.get(i), await(f), diffIds.get(i), parent));
            }
        }

        private Layer apply(Descriptor d, Path file, Digest diffId, Optional<Layer> parent) throws IOException {
            Digest blob = d.parsedDigest();
            String id = blob.shortId();
            long size = Files.size(file);
            Layer layer;
            try (InputStream in = new CountingInputStream(Files.newInputStream(file),
                    new ProgressTicker(progress, id, "Extracting", size))) {
                layer = layers.register(in, parent, Optional.of(diffId));
            } catch (DigestMismatchException e) {
                throw new RegistryException(500, "filesystem layer verification failed for digest " + blob);
            } finally {
                Files.deleteIfExists(file);
            }
            added.add(layer);
            sources.add(diffId, new BlobSources.Source(blob.toString(), d.mediaType(), size, ref.domain(), ref.path()));
            progress.status(id, "Pull complete");
            return layer;
        }

        private Path download(Descriptor d) throws IOException, InterruptedException {
            Digest digest = d.parsedDigest();
            String id = digest.shortId();
            permits.acquire();
            try {
                for (int attempt = 1; ; attempt++) {
                    try {
                        return downloadOnce(digest, d.size());
                    } catch (IOException e) {
                        if (attempt >= options.maxDownloadAttempts()) {
                            throw e;
                        }
                        progress.status(id, "Retrying in " + attempt + " second" + (attempt == 1 ? "" : "s"));
                        Thread.sleep(1000L * attempt);
                    }
                }
            } finally {
                permits.release();
            }
        }

        /** Downloads into a file, hashing on the way; a blob that hashes otherwise is deleted and fails the pull. */
        private Path downloadOnce(Digest digest, long size) throws IOException {
            String id = digest.shortId();
            Path file = Files.createTempFile(downloads, digest.encoded(), ".part");
            boolean kept = false;
            MessageDigest sha = Digest.newSha256();
            try (InputStream body = new CountingInputStream(repo.blob(digest),
                         new ProgressTicker(progress, id, "Downloading", size));
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                body.transferTo(out);
                out.close();
                progress.status(id, "Verifying Checksum");
                if (!Digest.fromSha256(sha).equals(digest)) {
                    throw new RegistryException(500, "filesystem layer verification failed for digest " + digest);
                }
                progress.status(id, "Download complete");
                kept = true;
                return file;
            } finally {
                if (!kept) {
                    Files.deleteIfExists(file);
                }
            }
        }

        private Path await(Future<Path> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("pull interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(e.getCause());
            }
        }

        /** On failure, drops every downloaded blob and every layer this pull added that no image uses. */
        private void cleanUp(boolean done) throws IOException {
            if (done) {
                return;
            }
            for (Future<Path> f : fetched) {
                if (f != null && f.state() == Future.State.SUCCESS) {
                    Files.deleteIfExists(f.resultNow());
                }
            }
            List<Layer> unused = images.unusedLayers();
            for (Layer l : added.reversed()) {
                if (unused.contains(l) && !layers.hasChildren(l.chainId())) {
                    layers.remove(l.chainId());
                }
            }
        }
    }
}
