package dev.berth.daemon.image;

import dev.berth.image.archive.ArchiveWriter;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.Digest;
import dev.berth.oci.Reference;
import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which images and names {@code docker save} writes: a name:tag saves that tag, a bare repository
 * every tag of it, an ID the image without names. Unknown names fail before any byte is sent.
 */
final class SaveSelection {
    private final ImageStore images;

    SaveSelection(ImageStore images) {
        this.images = images;
    }

    List<ArchiveWriter.Entry> select(List<String> names) {
        if (names.isEmpty()) {
            throw new InvalidArgumentException("no images specified");
        }
        Map<Digest, List<Reference>> chosen = new LinkedHashMap<>();
        for (String name : names) {
            Image image = images.resolve(name);
            List<Reference> tags = chosen.computeIfAbsent(image.id(), k -> new ArrayList<>());
            if (isIdPrefix(image, name)) {
                continue;
            }
            Reference r = Reference.parse(name);
            if (r.tag().isEmpty() && r.digest().isEmpty()) {
                for (Image other : images.all()) {
                    for (Reference t : images.repoTags(other.id())) {
                        if (t.name().equals(r.name())) {
                            chosen.computeIfAbsent(other.id(), k -> new ArrayList<>()).add(t);
                        }
                    }
                }
            } else if (r.tag().isPresent()) {
                tags.add(r);
            }
        }
        List<ArchiveWriter.Entry> out = new ArrayList<>();
        chosen.forEach((id, tags) -> out.add(new ArchiveWriter.Entry(images.get(id).orElseThrow(),
                tags.stream().distinct().toList())));
        return out;
    }

    private static boolean isIdPrefix(Image image, String name) {
        String hex = name.startsWith("sha256:") ? name.substring(7) : name;
        return image.id().encoded().startsWith(hex);
    }
}
