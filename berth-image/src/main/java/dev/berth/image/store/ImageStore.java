package dev.berth.image.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.image.content.ContentStore;
import dev.berth.image.layer.Layer;
import dev.berth.image.layer.LayerStore;
import dev.berth.linux.AtomicFiles;
import dev.berth.oci.Digest;
import dev.berth.oci.ImageConfig;
import dev.berth.oci.OciJson;
import dev.berth.oci.Reference;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Images by ID (the digest of their config bytes, kept in the content store) and the names that
 * point at them. An image can only be created once all of its layers are registered.
 *
 * <pre>{@code
 * Image img = images.create(configBytes);               // ID = sha256(configBytes)
 * images.tag(img.id(), Reference.parse("busybox"));
 * images.resolve("busybox");                             // by name, full ID or unique ID prefix
 * }</pre>
 */
public final class ImageStore {
    private static final Pattern HEX_PREFIX = Pattern.compile("(sha256:)?[a-f0-9]{1,64}");
    private final Path metadata;
    private final ContentStore content;
    private final LayerStore layers;
    private final TagStore tags;
    private final Map<Digest, Image> images = new ConcurrentHashMap<>();

    public ImageStore(Path root, ContentStore content, LayerStore layers) throws IOException {
        this.metadata = root.resolve("imagedb");
        this.content = content;
        this.layers = layers;
        Files.createDirectories(metadata);
        this.tags = new TagStore(root.resolve("repositories.json"));
        load();
    }

    private void load() throws IOException {
        try (Stream<Path> s = Files.list(metadata)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                Meta m = OciJson.read(Files.readAllBytes(p), Meta.class);
                Digest id = Digest.parse(m.id());
                if (content.exists(id)) {
                    images.put(id, build(id, Files.readAllBytes(content.path(id)), m.lastTagTime()));
                }
            }
        }
    }

    private Image build(Digest id, byte[] configBytes, String lastTagTime) {
        ImageConfig config = OciJson.read(configBytes, ImageConfig.class);
        List<Layer> stack = config.diffIds().isEmpty() ? List.of()
                : layers.stack(config.diffIds()).orElseThrow(() -> new IllegalStateException(
                        "image " + id + " refers to layers that are not registered"));
        return new Image(id, config, configBytes.length, stack,
                Optional.ofNullable(lastTagTime).map(Instant::parse));
    }

    /** Stores a config whose layers are all registered; the same bytes give the same image. */
    public Image create(byte[] configBytes) throws IOException {
        Digest id = Digest.sha256(configBytes);
        Image existing = images.get(id);
        if (existing != null) {
            return existing;
        }
        Image image = build(id, configBytes, null);
        try (ContentStore.Ingest in = content.ingest()) {
            in.stream().write(configBytes);
            in.commit(Optional.of(id));
        }
        writeMeta(image);
        images.put(id, image);
        return image;
    }

    private void writeMeta(Image image) throws IOException {
        AtomicFiles.write(metadata.resolve(image.id().encoded() + ".json"), OciJson.bytes(
                new Meta(image.id().toString(), image.lastTagTime().map(Instant::toString).orElse(null))));
    }

    public Optional<Image> get(Digest id) {
        return Optional.ofNullable(images.get(id));
    }

    public Collection<Image> all() {
        return List.copyOf(images.values());
    }

    public byte[] configBytes(Digest id) throws IOException {
        try (InputStream in = content.open(id)) {
            return in.readAllBytes();
        }
    }

    /**
     * Finds an image by reference ({@code busybox}, {@code busybox:1}, {@code name@sha256:…}), full ID
     * ({@code sha256:…} or bare hex) or a unique ID prefix, as Docker does.
     */
    public Image resolve(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("No such image: " + shownName(ref)));
    }

    public Optional<Image> find(String ref) {
        if (ref.startsWith("sha256:") && Digest.isDigest(ref)) {
            return get(Digest.parse(ref));
        }
        try {
            Reference r = Reference.parse(ref).withDefaultTag();
            Optional<Digest> id = tags.get(r);
            if (id.isPresent()) {
                return get(id.get());
            }
        } catch (IllegalArgumentException notAName) {
            // fall through: it may still be an ID
        }
        if (!HEX_PREFIX.matcher(ref).matches()) {
            return Optional.empty();
        }
        String prefix = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        List<Image> matches = images.values().stream().filter(i -> i.id().encoded().startsWith(prefix)).toList();
        if (matches.size() > 1) {
            throw new ConflictException("multiple IDs found with provided prefix: " + prefix);
        }
        return matches.stream().findFirst();
    }

    /** How Docker names an unknown image in its error: a name gets {@code :latest} added. */
    public static String shownName(String ref) {
        try {
            return Reference.parse(ref).withDefaultTag().familiar();
        } catch (IllegalArgumentException e) {
            return ref;
        }
    }

    public List<Reference> references(Digest id) {
        return tags.refsOf(id);
    }

    public List<Reference> repoTags(Digest id) {
        return references(id).stream().filter(r -> r.tag().isPresent()).toList();
    }

    public List<Reference> repoDigests(Digest id) {
        return references(id).stream().filter(r -> r.digest().isPresent()).toList();
    }

    public Optional<Digest> lookup(Reference ref) {
        return tags.get(ref);
    }

    /** Points {@code ref} at the image, moving it away from any other; returns the image it left, if any. */
    public Optional<Digest> tag(Digest id, Reference ref) throws IOException {
        Image image = get(id).orElseThrow(() -> new NotFoundException("No such image: " + id));
        Optional<Digest> previous = tags.get(ref);
        tags.put(ref, id);
        Image tagged = new Image(image.id(), image.config(), image.configSize(), image.layers(), Optional.of(Instant.now()));
        writeMeta(tagged);
        images.put(id, tagged);
        return previous.filter(p -> !p.equals(id));
    }

    public boolean untag(Reference ref) throws IOException {
        return tags.remove(ref);
    }

    /** Forgets an image whose names are gone; its layers are released by the caller. */
    public void delete(Digest id) throws IOException {
        if (!references(id).isEmpty()) {
            throw new ConflictException("image " + id.shortId() + " still has references");
        }
        images.remove(id);
        Files.deleteIfExists(metadata.resolve(id.encoded() + ".json"));
        content.delete(id);
    }

    /** Layers no image uses any more, top first so children go before parents. */
    public List<Layer> unusedLayers() {
        List<Layer> used = images.values().stream().flatMap(i -> i.layers().stream()).toList();
        List<Layer> unused = new ArrayList<>(layers.all().stream().filter(l -> !used.contains(l)).toList());
        unused.sort((a, b) -> Integer.compare(depth(b), depth(a)));
        return unused;
    }

    private int depth(Layer l) {
        int d = 0;
        for (Optional<dev.berth.oci.ChainId> p = l.parent(); p.isPresent(); p = layers.get(p.get()).flatMap(Layer::parent)) {
            d++;
        }
        return d;
    }

    record Meta(@JsonProperty("id") String id, @JsonProperty("lastTagTime") String lastTagTime) {
    }
}
