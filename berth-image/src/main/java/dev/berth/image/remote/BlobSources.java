package dev.berth.image.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.linux.AtomicFiles;
import dev.berth.oci.Digest;
import dev.berth.oci.OciJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each layer (by diff ID) is known to live on registries, compressed: the blob digest, media
 * type and size, and the registry and repository that hold it. A pull records what it fetched, a
 * push what it sent; a later push to the same registry then skips or mounts the blob instead of
 * compressing and uploading the layer again.
 *
 * <pre>{@code
 * sources.add(diffId, new BlobSources.Source(blobDigest, mediaType, size, "127.0.0.1:5000", "library/busybox"));
 * sources.of(diffId);   // every place known for that layer
 * }</pre>
 */
public final class BlobSources {
    private static final int MAX_PER_LAYER = 50;
    private final Path dir;

    public BlobSources(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** One place a layer's compressed blob is stored. */
    public record Source(@JsonProperty("digest") String digest, @JsonProperty("mediaType") String mediaType,
                         @JsonProperty("size") long size, @JsonProperty("registry") String registry,
                         @JsonProperty("repository") String repository) {
        public Digest blobDigest() {
            return Digest.parse(digest);
        }
    }

    public synchronized List<Source> of(Digest diffId) throws IOException {
        Path f = file(diffId);
        if (!Files.exists(f)) {
            return List.of();
        }
        return OciJson.mapper().readValue(Files.readAllBytes(f), new TypeReference<List<Source>>() { });
    }

    /** Remembers a place (most recent first), dropping the oldest beyond a bound. */
    public synchronized void add(Digest diffId, Source source) throws IOException {
        List<Source> all = new ArrayList<>(of(diffId));
        all.remove(source);
        all.addFirst(source);
        while (all.size() > MAX_PER_LAYER) {
            all.removeLast();
        }
        AtomicFiles.write(file(diffId), OciJson.bytes(all));
    }

    private Path file(Digest diffId) {
        return dir.resolve(diffId.algorithm() + "-" + diffId.encoded() + ".json");
    }
}
