package dev.berth.image.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.linux.AtomicFiles;
import dev.berth.oci.Digest;
import dev.berth.oci.OciJson;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Names (tags and digest references) pointing at image IDs, persisted as one atomically written file. */
final class TagStore {
    private final Path file;
    private final TreeMap<String, Digest> refs = new TreeMap<>();

    TagStore(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            Map<String, String> stored = OciJson.mapper().readValue(Files.readAllBytes(file), new TypeReference<>() { });
            stored.forEach((k, v) -> refs.put(k, Digest.parse(v)));
        }
    }

    synchronized Optional<Digest> get(Reference ref) {
        return Optional.ofNullable(refs.get(ref.toString()));
    }

    synchronized List<Reference> refsOf(Digest id) {
        return refs.entrySet().stream().filter(e -> e.getValue().equals(id))
                .map(e -> Reference.parse(e.getKey())).toList();
    }

    synchronized void put(Reference ref, Digest id) throws IOException {
        Digest old = refs.put(ref.toString(), id);
        if (!id.equals(old)) {
            persist();
        }
    }

    synchronized boolean remove(Reference ref) throws IOException {
        boolean removed = refs.remove(ref.toString()) != null;
        if (removed) {
            persist();
        }
        return removed;
    }

    private void persist() throws IOException {
        Map<String, String> out = new TreeMap<>();
        refs.forEach((k, v) -> out.put(k, v.toString()));
        AtomicFiles.write(file, OciJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    }
}
