package dev.berth.image.layer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.image.content.ContentStore;
import dev.berth.linux.AtomicFiles;
import dev.berth.oci.ChainId;
import dev.berth.oci.Digest;
import dev.berth.oci.OciJson;
import dev.berth.storage.SnapshotInfo;
import dev.berth.storage.SnapshotKind;
import dev.berth.storage.Snapshotter;
import dev.berth.storage.archive.LayerApplier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Layers keyed by chain ID, shared by every image whose stack starts the same way. Registering a
 * layer applies its tar into a fresh snapshot on top of the parent's and stores the uncompressed
 * tar in the content store under its diff ID (so {@code save} and {@code push} give back the same
 * bytes). Registering a layer that is already there keeps the existing one.
 *
 * <pre>{@code
 * Layer base = layers.register(tarOfBase, Optional.empty());
 * Layer top = layers.register(tarOfTop, Optional.of(base));       // chain = base.child(diffId)
 * layers.remove(top.chainId());                                   // when no image uses it
 * }</pre>
 */
public final class LayerStore {
    private static final String INGEST_PREFIX = "ingest-";
    private final Path metadata;
    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final Map<ChainId, Layer> layers = new ConcurrentHashMap<>();

    public LayerStore(Path root, ContentStore content, Snapshotter snapshotter) throws IOException {
        this.metadata = root.resolve("layerdb").resolve("sha256");
        this.content = content;
        this.snapshotter = snapshotter;
        Files.createDirectories(metadata);
        load();
        dropAbandonedIngests();
        dropUnrecordedLayers();
    }

    /** A layer being applied when the daemon died was never acknowledged: its snapshot goes. */
    private void dropAbandonedIngests() throws IOException {
        for (SnapshotInfo s : snapshotter.list()) {
            if (s.name().startsWith(INGEST_PREFIX) && s.kind() == SnapshotKind.ACTIVE) {
                snapshotter.remove(s.name());
            }
        }
    }

    /**
     * A committed snapshot without a layer record is what a crash leaves between {@link #register}'s commit
     * and its record, or between {@link #remove}'s record and its snapshot. Kept, it would make registering
     * that layer again fail (its name is taken) although no layer has it; so it goes too, children first.
     */
    private void dropUnrecordedLayers() throws IOException {
        Set<String> recorded = layers.values().stream().map(Layer::snapshot).collect(Collectors.toSet());
        List<SnapshotInfo> unrecorded = new ArrayList<>(snapshotter.list().stream()
                .filter(s -> s.kind() == SnapshotKind.COMMITTED && !recorded.contains(s.name())).toList());
        while (!unrecorded.isEmpty()) {
            Set<String> parents = snapshotter.list().stream().flatMap(s -> s.parent().stream()).collect(Collectors.toSet());
            List<SnapshotInfo> leaves = unrecorded.stream().filter(s -> !parents.contains(s.name())).toList();
            if (leaves.isEmpty()) {
                return; // under something else that is kept (a container's snapshot): leave it to that
            }
            for (SnapshotInfo s : leaves) {
                snapshotter.remove(s.name());
            }
            unrecorded.removeAll(leaves);
        }
    }

    private void load() throws IOException {
        try (Stream<Path> s = Files.list(metadata)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                Layer l = OciJson.read(Files.readAllBytes(p), Record.class).toLayer();
                layers.put(l.chainId(), l);
            }
        }
    }

    public Optional<Layer> get(ChainId chainId) {
        return Optional.ofNullable(layers.get(chainId));
    }

    public Collection<Layer> all() {
        return List.copyOf(layers.values());
    }

    public Snapshotter snapshotter() {
        return snapshotter;
    }

    /**
     * Applies an (optionally compressed) layer tar on top of {@code parent}. With {@code expected}
     * the tar must hash to that diff ID, else nothing is kept.
     */
    public Layer register(InputStream compressedOrPlain, Optional<Layer> parent, Optional<Digest> expected)
            throws IOException {
        String key = INGEST_PREFIX + UUID.randomUUID();
        Path dir = snapshotter.prepare(key, parent.map(Layer::snapshot));
        boolean committed = false;
        try (ContentStore.Ingest blob = content.ingest()) {
            TeeInputStream tee = new TeeInputStream(Decompression.unwrap(compressedOrPlain), blob.stream());
            long size = LayerApplier.apply(tee, dir, snapshotter.whiteoutMode(), snapshotter.idMap());
            tee.drain();
            Digest diffId = blob.digest();
            ChainId chain = parent.map(p -> p.chainId().child(diffId)).orElseGet(() -> new ChainId(diffId));
            blob.commit(expected);
            synchronized (this) {
                Layer existing = layers.get(chain);
                if (existing != null) {
                    return existing;
                }
                String name = chain.digest().encoded();
                snapshotter.commit(name, key);
                committed = true;
                Layer layer = new Layer(chain, diffId, parent.map(Layer::chainId), name, size);
                AtomicFiles.write(metadata.resolve(name + ".json"), OciJson.bytes(Record.of(layer)));
                layers.put(chain, layer);
                return layer;
            }
        } finally {
            if (!committed) {
                snapshotter.remove(key);
            }
        }
    }

    /** The layers of a stack, bottom first, or empty when one of them is missing. */
    public Optional<List<Layer>> stack(List<Digest> diffIds) {
        List<Layer> out = new ArrayList<>();
        for (ChainId c : ChainId.all(diffIds)) {
            Layer l = layers.get(c);
            if (l == null) {
                return Optional.empty();
            }
            out.add(l);
        }
        return Optional.of(out);
    }

    /** Whether any other registered layer sits on top of this one. */
    public boolean hasChildren(ChainId chainId) {
        return layers.values().stream().anyMatch(l -> l.parent().equals(Optional.of(chainId)));
    }

    /** Deletes a layer no longer used: its record first (the acknowledgement), then snapshot and blob. */
    public synchronized void remove(ChainId chainId) throws IOException {
        Layer l = layers.remove(chainId);
        if (l == null) {
            return;
        }
        Files.deleteIfExists(metadata.resolve(l.snapshot() + ".json"));
        snapshotter.remove(l.snapshot());
        if (layers.values().stream().noneMatch(o -> o.diffId().equals(l.diffId()))) {
            content.delete(l.diffId());
        }
    }

    /** The on-disk form of a layer record. */
    record Record(@JsonProperty("chainId") String chainId, @JsonProperty("diffId") String diffId,
                  @JsonProperty("parent") String parent, @JsonProperty("snapshot") String snapshot,
                  @JsonProperty("size") long size) {
        static Record of(Layer l) {
            return new Record(l.chainId().toString(), l.diffId().toString(),
                    l.parent().map(ChainId::toString).orElse(null), l.snapshot(), l.size());
        }

        Layer toLayer() {
            return new Layer(new ChainId(Digest.parse(chainId)), Digest.parse(diffId),
                    Optional.ofNullable(parent).map(p -> new ChainId(Digest.parse(p))), snapshot, size);
        }
    }
}
