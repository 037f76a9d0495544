package dev.berth.daemon.image;

import dev.berth.daemon.api.ApiVersions;
import dev.berth.image.layer.Layer;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.ImageConfig;
import dev.berth.oci.Reference;
import dev.berth.storage.Snapshotter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of images in the Engine API: list summary, inspect and history. */
final class ImageViews {
    private final ImageStore images;
    private final Snapshotter snapshotter;

    ImageViews(ImageStore images, Snapshotter snapshotter) {
        this.images = images;
        this.snapshotter = snapshotter;
    }

    Map<String, Object> summary(Image img, Optional<String> apiVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Containers", -1);
        m.put("Created", img.created().getEpochSecond());
        m.put("Id", img.id().toString());
        m.put("Labels", img.config().configOrEmpty().labels());
        m.put("ParentId", "");
        m.put("RepoDigests", images.repoDigests(img.id()).stream().map(Reference::familiar).toList());
        m.put("RepoTags", images.repoTags(img.id()).stream().map(Reference::familiar).toList());
        m.put("SharedSize", -1);
        m.put("Size", img.size());
        if (apiVersion.map(v -> ApiVersions.compare(v, "1.44") < 0).orElse(false)) {
            m.put("VirtualSize", img.size());
        }
        return m;
    }

    Map<String, Object> inspect(Image img) throws IOException {
        ImageConfig c = img.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", img.id().toString());
        m.put("RepoTags", images.repoTags(img.id()).stream().map(Reference::familiar).toList());
        m.put("RepoDigests", images.repoDigests(img.id()).stream().map(Reference::familiar).toList());
        m.put("Parent", "");
        m.put("Comment", c.comment() == null ? "" : c.comment());
        m.put("Created", c.created() == null ? "" : c.created());
        m.put("DockerVersion", c.dockerVersion() == null ? "" : c.dockerVersion());
        m.put("Author", c.author() == null ? "" : c.author());
        m.put("Config", c.configOrEmpty());
        m.put("Architecture", c.architecture());
        if (c.variant() != null) {
            m.put("Variant", c.variant());
        }
        m.put("Os", c.os());
        m.put("Size", img.size());
        m.put("GraphDriver", graphDriver(img));
        m.put("RootFS", Map.of("Type", "layers", "Layers", c.diffIds().stream().map(Object::toString).toList()));
        m.put("Metadata", Map.of("LastTagTime", img.lastTagTime().map(Instant::toString).orElse("0001-01-01T00:00:00Z")));
        return m;
    }

    private Map<String, Object> graphDriver(Image img) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Layer> layers = img.layers();
        if (!layers.isEmpty()) {
            List<String> lower = new ArrayList<>();
            for (int i = layers.size() - 2; i >= 0; i--) {
                lower.add(snapshotter.diffDir(layers.get(i).snapshot()).toString());
            }
            if (!lower.isEmpty()) {
                data.put("LowerDir", String.join(":", lower));
            }
            data.put("UpperDir", snapshotter.diffDir(layers.getLast().snapshot()).toString());
        }
        return Map.of("Name", snapshotter.type(), "Data", data);
    }

    /** Newest step first; the top step carries the image ID and tags, the rest {@code <missing>}. */
    List<Map<String, Object>> history(Image img) {
        List<ImageConfig.History> steps = img.config().historyOrEmpty();
        List<Layer> layers = img.layers();
        List<Map<String, Object>> out = new ArrayList<>();
        int layerIndex = 0;
        for (ImageConfig.History h : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Id", "<missing>");
            m.put("Created", h.created() == null ? 0 : Instant.parse(h.created()).getEpochSecond());
            m.put("CreatedBy", h.createdBy() == null ? "" : h.createdBy());
            m.put("Tags", null);
            long size = 0;
            if (!h.emptyLayer() && layerIndex < layers.size()) {
                size = layers.get(layerIndex++).size();
            }
            m.put("Size", size);
            m.put("Comment", h.comment() == null ? "" : h.comment());
            out.addFirst(m);
        }
        if (out.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Id", "<missing>");
            m.put("Created", img.created().getEpochSecond());
            m.put("CreatedBy", "");
            m.put("Tags", null);
            m.put("Size", img.size());
            m.put("Comment", "");
            out.add(m);
        }
        Map<String, Object> top = out.getFirst();
        top.put("Id", img.id().toString());
        List<String> tags = images.repoTags(img.id()).stream().map(Reference::familiar).toList();
        top.put("Tags", tags.isEmpty() ? null : tags);
        return out;
    }
}
