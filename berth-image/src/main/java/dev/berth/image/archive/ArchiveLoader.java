package dev.berth.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.image.content.ContentStore;
import dev.berth.image.layer.Decompression;
import dev.berth.image.layer.Layer;
import dev.berth.image.layer.LayerStore;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.Digest;
import dev.berth.oci.ImageConfig;
import dev.berth.oci.ImageManifest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code docker load}: reads a docker-archive (legacy {@code <id>/layer.tar} or Docker 25+ blobs) or
 * an OCI image layout, plain or gzip-compressed, in one pass: every file is ingested into the content
 * store as it streams by, then the manifests say which blobs are configs and layers.
 */
public final class ArchiveLoader {
    private final ContentStore content;
    private final LayerStore layers;
    private final ImageStore images;

    public ArchiveLoader(ContentStore content, LayerStore layers, ImageStore images) {
        this.content = content;
        this.layers = layers;
        this.images = images;
    }

    /** What was loaded: each image with the names it got. */
    public record Loaded(Image image, List<Reference> tags) {
    }

    /** Progress callback: a layer (by its short diff ID) is about to be applied. */
    public interface Progress extends Consumer<String> {
    }

    public List<Loaded> load(InputStream archive, Progress progress) throws IOException {
        Map<String, Digest> files = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        Set<Digest> ingested = new HashSet<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Decompression.unwrap(archive), 1 << 16)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = normal(e.getName());
                if (e.isSymbolicLink()) {
                    links.put(name, normal(Path.of(name).resolveSibling(e.getLinkName()).normalize().toString()));
                } else if (e.isFile()) {
                    files.put(name, ingest(tar, name, ingested));
                }
            }
        } catch (IOException e) {
            discard(ingested, Set.of());
            throw new IOException("Error processing tar file: " + e.getMessage(), e);
        }
        links.forEach((link, target) -> Optional.ofNullable(files.get(target)).ifPresent(d -> files.put(link, d)));
        try {
            List<Loaded> loaded = files.containsKey("manifest.json") ? fromDockerManifest(files, progress)
                    : fromOciIndex(files, progress);
            Set<Digest> keep = new HashSet<>();
            for (Loaded l : loaded) {
                keep.add(l.image().id());
                l.image().layers().forEach(layer -> keep.add(layer.diffId()));
            }
            discard(ingested, keep);
            return loaded;
        } catch (IOException | RuntimeException e) {
            discard(ingested, Set.of());
            throw e;
        }
    }

    private static String normal(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        return n.startsWith("/") ? n.substring(1) : n;
    }

    private Digest ingest(InputStream entry, String name, Set<Digest> ingested) throws IOException {
        Optional<Digest> expected = Optional.empty();
        if (name.startsWith("blobs/sha256/")) {
            expected = Optional.of(new Digest("sha256", name.substring("blobs/sha256/".length())));
        }
        try (ContentStore.Ingest in = content.ingest()) {
            entry.transferTo(in.stream());
            boolean existed = content.exists(in.digest());
            Digest d = in.commit(expected);
            if (!existed) {
                ingested.add(d);
            }
            return d;
        }
    }

    /** Removes what this load brought in and nothing it keeps or that was there before. */
    private void discard(Set<Digest> ingested, Set<Digest> keep) throws IOException {
        Set<Digest> inUse = new HashSet<>();
        images.all().forEach(i -> {
            inUse.add(i.id());
            i.layers().forEach(l -> inUse.add(l.diffId()));
        });
        layers.all().forEach(l -> inUse.add(l.diffId()));
        for (Digest d : ingested) {
            if (!keep.contains(d) && !inUse.contains(d)) {
                content.delete(d);
            }
        }
    }

    private List<Loaded> fromDockerManifest(Map<String, Digest> files, Progress progress) throws IOException {
        JsonNode manifest = OciJson.mapper().readTree(bytes(files, "manifest.json"));
        List<Loaded> out = new ArrayList<>();
        for (JsonNode m : manifest) {
            Digest config = file(files, m.path("Config").asText());
            List<Digest> layerBlobs = new ArrayList<>();
            for (JsonNode l : m.path("Layers")) {
                layerBlobs.add(file(files, l.asText()));
            }
            List<Reference> tags = new ArrayList<>();
            for (JsonNode t : m.path("RepoTags")) {
                tags.add(Reference.parse(t.asText()).withDefaultTag());
            }
            out.add(new Loaded(build(config, layerBlobs, progress), tags));
        }
        return out;
    }

    private List<Loaded> fromOciIndex(Map<String, Digest> files, Progress progress) throws IOException {
        if (!files.containsKey("index.json")) {
            throw new IOException("invalid archive: neither manifest.json nor index.json found");
        }
        JsonNode index = OciJson.mapper().readTree(bytes(files, "index.json"));
        List<Loaded> out = new ArrayList<>();
        for (JsonNode desc : index.path("manifests")) {
            Digest md = Digest.parse(desc.path("digest").asText());
            ImageManifest manifest = OciJson.read(blob(md), ImageManifest.class);
            if (MediaTypes.isIndex(desc.path("mediaType").asText())) {
                throw new IOException("loading multi-platform indexes is not supported: " + md);
            }
            List<Digest> layerBlobs = manifest.layers().stream().map(d -> Digest.parse(d.digest())).toList();
            List<Reference> tags = nameOf(desc.path("annotations")).map(List::of).orElse(List.of());
            out.add(new Loaded(build(Digest.parse(manifest.config().digest()), layerBlobs, progress), tags));
        }
        return out;
    }

    /**
     * The name an OCI index entry gives its image: containerd's full name, else a
     * {@code org.opencontainers.image.ref.name} that is a whole reference (skopeo writes those);
     * a bare tag names nothing, as in Docker.
     */
    private static Optional<Reference> nameOf(JsonNode annotations) {
        String full = annotations.path("io.containerd.image.name").asText("");
        if (!full.isEmpty()) {
            return Optional.of(Reference.parse(full).withDefaultTag());
        }
        String ref = annotations.path("org.opencontainers.image.ref.name").asText("");
        if (ref.contains("/") || ref.contains(":")) {
            try {
                return Optional.of(Reference.parse(ref).withDefaultTag());
            } catch (IllegalArgumentException notAReference) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Image build(Digest configDigest, List<Digest> layerBlobs, Progress progress) throws IOException {
        byte[] configBytes = blob(configDigest);
        ImageConfig config = OciJson.read(configBytes, ImageConfig.class);
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != layerBlobs.size()) {
            throw new IOException("invalid manifest: config lists " + diffIds.size() + " layers, manifest "
                    + layerBlobs.size());
        }
        Optional<Layer> parent = Optional.empty();
        for (int i = 0; i < diffIds.size(); i++) {
            Optional<Layer> existing = layers.stack(diffIds.subList(0, i + 1)).map(List::getLast);
            if (existing.isPresent()) {
                parent = existing;
                continue;
            }
            progress.accept(diffIds.get(i).shortId());
            try (InputStream in = content.open(layerBlobs.get(i))) {
                parent = Optional.of(layers.register(in, parent, Optional.of(diffIds.get(i))));
            }
        }
        return images.create(configBytes);
    }

    private Digest file(Map<String, Digest> files, String name) throws IOException {
        Digest d = files.get(normal(name));
        if (d == null) {
            throw new IOException("invalid archive: " + name + " is missing");
        }
        return d;
    }

    private byte[] bytes(Map<String, Digest> files, String name) throws IOException {
        return blob(file(files, name));
    }

    private byte[] blob(Digest d) throws IOException {
        try (InputStream in = content.open(d)) {
            return in.readAllBytes();
        }
    }
}
