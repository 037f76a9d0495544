package dev.berth.image.remote;

import dev.berth.image.content.ContentStore;
import dev.berth.image.layer.Layer;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.Descriptor;
import dev.berth.oci.Digest;
import dev.berth.oci.ImageManifest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.oci.Reference;
import dev.berth.oci.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.zip.Deflater;

/**
 * {@code docker push}: for each tag, sends the layers the registry lacks (several at once),
 * compressing each with gzip on the fly; a layer the repository already has is skipped and one held
 * by another repository of the same registry is mounted, both found through {@link BlobSources}.
 * Then the config and a Docker schema 2 manifest go up, and the image gets the pushed digest as a
 * repo digest.
 *
 * <pre>{@code
 * List<ImagePusher.Pushed> pushed = pusher.push(Reference.parse("127.0.0.1:5000/busybox"), Optional.of("latest"),
 *         Credentials.ANONYMOUS, new RegistryTransport(options), progress);
 * }</pre>
 */
public final class ImagePusher {
    private static final int GZIP_LEVEL = Deflater.BEST_SPEED;
    private final ContentStore content;
    private final ImageStore images;
    private final BlobSources sources;

    public ImagePusher(ContentStore content, ImageStore images, BlobSources sources) {
        this.content = content;
        this.images = images;
        this.sources = sources;
    }

    /** One pushed tag: the manifest's digest and size, as the {@code aux} message reports them. */
    public record Pushed(String tag, Digest digest, int size) {
    }

    /** Pushes {@code repository:tag}, or every local tag of the repository when {@code tag} is empty. */
    public List<Pushed> push(Reference repository, Optional<String> tag, Credentials credentials,
                             RegistryTransport transport, TransferProgress progress) throws IOException {
        progress.status("", "The push refers to repository [" + repository.name() + "]");
        List<Reference> tags = tagsToPush(repository, tag);
        RegistryClient client = transport.connect(repository.domain(), credentials, false);
        RemoteRepository repo = new RemoteRepository(client, repository.path(), true);
        List<Pushed> out = new ArrayList<>();
        for (Reference ref : tags) {
            out.add(pushTag(repo, ref, transport.options(), progress));
        }
        return out;
    }

    private List<Reference> tagsToPush(Reference repository, Optional<String> tag) {
        List<Reference> tags = tag.map(t -> List.of(repository.withTag(t))).orElseGet(() -> images.all().stream()
                .flatMap(i -> images.repoTags(i.id()).stream())
                .filter(r -> r.name().equals(repository.name())).sorted(java.util.Comparator.comparing(Reference::toString))
                .toList());
        if (tags.isEmpty() || tags.stream().anyMatch(r -> images.lookup(r).isEmpty())) {
            throw new NotFoundException("An image does not exist locally with the tag: " + repository.familiarName());
        }
        return tags;
    }

    private Pushed pushTag(RemoteRepository repo, Reference ref, RemoteOptions options, TransferProgress progress)
            throws IOException {
        Image image = images.get(images.lookup(ref).orElseThrow()).orElseThrow();
        List<Descriptor> layerBlobs = pushLayers(repo, image.layers(), options, progress);
        byte[] config = images.configBytes(image.id());
        if (repo.stat(image.id()).isEmpty()) {
            repo.upload(config, image.id());
        }
        boolean oci = layerBlobs.stream().anyMatch(d -> d.mediaType().startsWith("application/vnd.oci."));
        Descriptor configBlob = Descriptor.of(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, image.id(), config.length);
        ImageManifest manifest = oci ? ImageManifest.oci(configBlob, layerBlobs) : ImageManifest.docker(configBlob, layerBlobs);
        byte[] bytes = OciJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        String tag = ref.tag().orElseThrow();
        Digest digest = repo.putManifest(tag, manifest.mediaType(), bytes);
        images.tag(image.id(), ref.withDigest(digest));
        progress.status("", tag + ": digest: " + digest + " size: " + bytes.length);
        progress.pushed(tag, digest, bytes.length);
        return new Pushed(tag, digest, bytes.length);
    }

    private List<Descriptor> pushLayers(RemoteRepository repo, List<Layer> stack, RemoteOptions options,
                                        TransferProgress progress) throws IOException {
        for (Layer l : stack.reversed()) {
            progress.status(l.diffId().shortId(), "Preparing");
        }
        Semaphore permits = new Semaphore(options.maxConcurrentUploads());
        List<Future<Descriptor>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Layer l : stack) {
                futures.add(pool.submit(() -> pushLayer(repo, l.diffId(), permits, progress)));
            }
            List<Descriptor> out = new ArrayList<>();
            for (Future<Descriptor> f : futures) {
                out.add(await(f, futures));
            }
            return out;
        }
    }

    private static Descriptor await(Future<Descriptor> f, List<Future<Descriptor>> all) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(o -> o.cancel(true));
            throw new IOException("push interrupted", e);
        } catch (ExecutionException e) {
            all.forEach(o -> o.cancel(true));
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }

    /** dockerd's layer uploads unwrap Go's {@code url.Error}, so their failures name no request. */
    private Descriptor pushLayer(RemoteRepository repo, Digest diffId, Semaphore permits, TransferProgress progress)
            throws IOException, InterruptedException {
        try {
            return pushLayerOnce(repo, diffId, permits, progress);
        } catch (RegistryException e) {
            throw e.withoutRequest();
        }
    }

    private Descriptor pushLayerOnce(RemoteRepository repo, Digest diffId, Semaphore permits, TransferProgress progress)
            throws IOException, InterruptedException {
        String id = diffId.shortId();
        String registry = repo.client().registry();
        List<BlobSources.Source> known = sources.of(diffId).stream().filter(s -> s.registry().equals(registry)).toList();
        for (BlobSources.Source s : known) {
            if (repo.stat(s.blobDigest()).isPresent()) {
                progress.status(id, "Layer already exists");
                return remember(diffId, s, repo);
            }
        }
        for (BlobSources.Source s : known) {
            if (!s.repository().equals(repo.path()) && repo.mount(s.blobDigest(), s.repository())) {
                progress.status(id, "Mounted from " + s.repository());
                return remember(diffId, s, repo);
            }
        }
        permits.acquire();
        try {
            long size = content.size(diffId).orElseThrow(() -> new NotFoundException(
                    "layer " + diffId + " of the image is missing from the content store"));
            RemoteRepository.Uploaded up;
            try (InputStream tar = new CountingInputStream(content.open(diffId), new ProgressTicker(progress, id, "Pushing", size));
                 InputStream gz = new GzipCompressingStream(tar, GZIP_LEVEL)) {
                up = repo.upload(gz);
            }
            progress.status(id, "Pushed");
            return remember(diffId, new BlobSources.Source(up.digest().toString(), MediaTypes.DOCKER_LAYER_GZIP,
                    up.size(), registry, repo.path()), repo);
        } finally {
            permits.release();
        }
    }

    private Descriptor remember(Digest diffId, BlobSources.Source s, RemoteRepository repo) throws IOException {
        BlobSources.Source here = new BlobSources.Source(s.digest(), s.mediaType(), s.size(), repo.client().registry(), repo.path());
        sources.add(diffId, here);
        return Descriptor.of(s.mediaType(), s.blobDigest(), s.size());
    }
}
