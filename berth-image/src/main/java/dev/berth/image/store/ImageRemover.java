package dev.berth.image.store;

import dev.berth.image.layer.Layer;
import dev.berth.image.layer.LayerStore;
import dev.berth.oci.Digest;
import dev.berth.oci.Reference;
import dev.berth.oci.error.ConflictException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code docker rmi} and {@code image prune}, with Docker's rules: a name given removes that name,
 * and the image only when no name is left; an ID given removes the image with its names when they
 * all lie in one repository, else only with force. Removing an image releases the layers no other
 * image uses.
 */
public final class ImageRemover {
    private final ImageStore images;
    private final LayerStore layers;
    private final ImageUsage usage;

    /** Which containers use an image; the container engine answers, an engine without containers says none. */
    public interface ImageUsage {
        /** Short IDs of containers using the image, running ones only when asked. */
        List<String> containersUsing(Digest image, boolean runningOnly);

        ImageUsage NONE = (image, running) -> List.of();
    }

    /** One line of the answer: an untagged name or a deleted image or layer. */
    public record Deleted(Optional<String> untagged, Optional<String> deleted) {
        static Deleted untagged(Reference r) {
            return new Deleted(Optional.of(r.familiar()), Optional.empty());
        }

        static Deleted deleted(Digest d) {
            return new Deleted(Optional.empty(), Optional.of(d.toString()));
        }
    }

    public ImageRemover(ImageStore images, LayerStore layers, ImageUsage usage) {
        this.images = images;
        this.layers = layers;
        this.usage = usage;
    }

    public synchronized List<Deleted> remove(String ref, boolean force) throws IOException {
        Image image = images.resolve(ref);
        List<Deleted> out = new ArrayList<>();
        List<Reference> refs = images.references(image.id());
        if (!isIdPrefix(image.id(), ref)) {
            Reference named = Reference.parse(ref).withDefaultTag();
            checkNotUsedByLastName(image, named, refs, force);
            images.untag(named);
            out.add(Deleted.untagged(named));
            List<Reference> left = images.references(image.id());
            if (left.stream().noneMatch(r -> r.tag().isPresent() && r.name().equals(named.name()))) {
                for (Reference r : left) {
                    if (r.digest().isPresent() && r.name().equals(named.name())) {
                        images.untag(r);
                        out.add(Deleted.untagged(r));
                    }
                }
            }
            if (!images.references(image.id()).isEmpty()) {
                return out;
            }
        } else if (refs.stream().map(Reference::name).distinct().count() <= 1
                && refs.stream().filter(r -> r.tag().isPresent()).count() <= 1) {
            checkNotUsed(image, force);
            for (Reference r : refs) {
                images.untag(r);
                out.add(Deleted.untagged(r));
            }
        }
        deleteImage(image, force, out);
        return out;
    }

    private void checkNotUsedByLastName(Image image, Reference named, List<Reference> refs, boolean force) {
        List<String> users = usage.containersUsing(image.id(), false);
        if (!force && refs.size() == 1 && !users.isEmpty()) {
            throw new ConflictException("conflict: unable to remove repository reference \"" + named.familiar()
                    + "\" (must force) - container " + users.getFirst() + " is using its referenced image "
                    + image.id().shortId());
        }
    }

    private void checkNotUsed(Image image, boolean force) {
        List<String> running = usage.containersUsing(image.id(), true);
        if (!running.isEmpty()) {
            throw new ConflictException("conflict: unable to delete " + image.id().shortId()
                    + " (cannot be forced) - image is being used by running container " + running.getFirst());
        }
        List<String> stopped = usage.containersUsing(image.id(), false);
        if (!force && !stopped.isEmpty()) {
            throw new ConflictException("conflict: unable to delete " + image.id().shortId()
                    + " (must be forced) - image is being used by stopped container " + stopped.getFirst());
        }
    }

    private void deleteImage(Image image, boolean force, List<Deleted> out) throws IOException {
        checkNotUsed(image, force);
        if (!images.references(image.id()).isEmpty() && !force) {
            throw new ConflictException("conflict: unable to delete " + image.id().shortId()
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        untagAndDelete(image, out);
        releaseUnusedLayers(out);
    }

    private void untagAndDelete(Image image, List<Deleted> out) throws IOException {
        for (Reference r : images.references(image.id())) {
            images.untag(r);
            out.add(Deleted.untagged(r));
        }
        images.delete(image.id());
        out.add(Deleted.deleted(image.id()));
    }

    private void releaseUnusedLayers(List<Deleted> out) throws IOException {
        for (Layer l : images.unusedLayers()) {
            layers.remove(l.chainId());
            out.add(Deleted.deleted(l.chainId().digest()));
        }
    }

    private static boolean isIdPrefix(Digest id, String ref) {
        String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        return !hex.isEmpty() && id.encoded().startsWith(hex);
    }

    /** What a prune removed and the bytes it freed. */
    public record Pruned(List<Deleted> deleted, long spaceReclaimed) {
    }

    /** Removes dangling images (or, with {@code all}, every image no container uses) that pass the filter. */
    public synchronized Pruned prune(boolean all, Predicate<Image> filter) throws IOException {
        List<Deleted> out = new ArrayList<>();
        long before = layers.all().stream().mapToLong(Layer::size).sum();
        for (Image image : images.all()) {
            boolean dangling = images.repoTags(image.id()).isEmpty();
            if ((all || dangling) && filter.test(image) && usage.containersUsing(image.id(), false).isEmpty()) {
                untagAndDelete(image, out);
            }
        }
        releaseUnusedLayers(out);
        long after = layers.all().stream().mapToLong(Layer::size).sum();
        return new Pruned(out, before - after);
    }
}
