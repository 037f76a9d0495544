package dev.berth.image.archive;

import dev.berth.image.content.ContentStore;
import dev.berth.image.layer.Layer;
import dev.berth.image.store.Image;
import dev.berth.oci.Descriptor;
import dev.berth.oci.Digest;
import dev.berth.oci.ImageIndex;
import dev.berth.oci.ImageManifest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save}: the archive Docker 25+ writes, readable both as a docker-archive
 * ({@code manifest.json}, {@code repositories}) and as an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/…}). Each blob is written once even when images share it.
 */
public final class ArchiveWriter {
    private final ContentStore content;

    public ArchiveWriter(ContentStore content) {
        this.content = content;
    }

    /** One image to save and the names it is saved under (empty when saved by ID). */
    public record Entry(Image image, List<Reference> tags) {
    }

    public void write(List<Entry> entries, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 1 << 16);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Set<Digest> written = new HashSet<>();
        dir(tar, "blobs/");
        dir(tar, "blobs/sha256/");
        List<Map<String, Object>> manifestJson = new ArrayList<>();
        List<Descriptor> indexEntries = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        for (Entry e : entries) {
            Image img = e.image();
            blob(tar, img.id(), written);
            List<Descriptor> layerDescs = new ArrayList<>();
            List<String> layerPaths = new ArrayList<>();
            for (Layer l : img.layers()) {
                blob(tar, l.diffId(), written);
                layerDescs.add(Descriptor.of(MediaTypes.OCI_LAYER, l.diffId(), content.size(l.diffId()).orElseThrow()));
                layerPaths.add(path(l.diffId()));
            }
            byte[] manifest = OciJson.bytes(ImageManifest.oci(
                    Descriptor.of(MediaTypes.OCI_CONFIG, img.id(), img.configSize()), layerDescs));
            Digest manifestDigest = Digest.sha256(manifest);
            if (written.add(manifestDigest)) {
                file(tar, path(manifestDigest), manifest);
            }
            Descriptor md = Descriptor.of(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length);
            if (e.tags().isEmpty()) {
                indexEntries.add(md);
            }
            for (Reference r : e.tags()) {
                indexEntries.add(md.withAnnotations(Map.of(
                        "io.containerd.image.name", r.toString(),
                        "org.opencontainers.image.ref.name", r.tag().orElse("latest"))));
                if (!img.layers().isEmpty()) {
                    repositories.computeIfAbsent(r.familiarName(), k -> new TreeMap<>())
                            .put(r.tag().orElse("latest"), img.layers().getLast().diffId().encoded());
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Config", path(img.id()));
            m.put("RepoTags", e.tags().isEmpty() ? null : e.tags().stream().map(Reference::familiar).toList());
            m.put("Layers", layerPaths);
            manifestJson.add(m);
        }
        file(tar, "index.json", OciJson.bytes(ImageIndex.oci(indexEntries)));
        file(tar, "manifest.json", OciJson.mapper().writeValueAsBytes(manifestJson));
        file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        if (!repositories.isEmpty()) {
            file(tar, "repositories", OciJson.bytes(repositories));
        }
        tar.finish();
        tar.flush();
    }

    private static String path(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.encoded();
    }

    private void blob(TarArchiveOutputStream tar, Digest d, Set<Digest> written) throws IOException {
        if (!written.add(d)) {
            return;
        }
        TarArchiveEntry e = new TarArchiveEntry(path(d));
        e.setSize(content.size(d).orElseThrow(() -> new IOException("blob " + d + " is missing from the store")));
        e.setModTime(0);
        e.setMode(0100444);
        tar.putArchiveEntry(e);
        try (InputStream in = content.open(d)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setModTime(0);
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        e.setModTime(0);
        e.setMode(0100644);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
