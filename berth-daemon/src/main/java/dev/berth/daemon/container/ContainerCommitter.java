package dev.berth.daemon.container;

import dev.berth.image.layer.Layer;
import dev.berth.image.layer.LayerStore;
import dev.berth.image.store.Image;
import dev.berth.oci.ContainerConfig;
import dev.berth.oci.Digest;
import dev.berth.oci.ImageConfig;
import dev.berth.oci.OciJson;
import dev.berth.oci.Reference;
import dev.berth.oci.error.NotFoundException;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code docker commit}: the container's changes become a layer on top of its image's, and a new
 * config (the image's platform and history, the merged container config) names the stack.
 *
 * <pre>{@code
 * Image img = committer.commit(container, new ContainerCommitter.Request(
 *         Optional.of(Reference.parse("app").withTag("v1")), "msg", "me", true, List.of("ENV X=1"), null));
 * }</pre>
 * A running container is paused while its upper directory is read (unless {@code pause} is false),
 * so the layer is one consistent moment of it.
 */
public final class ContainerCommitter {
    private final ContainerContext ctx;
    private final ContainerRunner runner;
    private final LayerStore layers;
    private final ContainerDiff diff;
    private final String engineVersion;

    public ContainerCommitter(ContainerContext ctx, ContainerRunner runner, LayerStore layers, String engineVersion) {
        this.ctx = ctx;
        this.runner = runner;
        this.layers = layers;
        this.diff = new ContainerDiff(ctx);
        this.engineVersion = engineVersion;
    }

    /** What {@code POST /commit} asks for; {@code config} is the optional request body. */
    public record Request(Optional<Reference> tag, String comment, String author, boolean pause, List<String> changes,
                          ContainerConfig config) {
        public Request {
            comment = comment == null ? "" : comment;
            author = author == null ? "" : author;
            changes = List.copyOf(changes);
        }
    }

    public Image commit(Container c, Request req) throws IOException {
        ContainerRecord r = c.record();
        Image parent = ctx.images().get(Digest.parse(r.imageId()))
                .orElseThrow(() -> new NotFoundException("No such image: " + r.imageId()));
        ContainerConfig config = CommitConfig.of(r.config(), req.config(), req.changes());
        boolean pausedHere = false;
        if (req.pause() && r.state().running() && !r.state().paused()) {
            runner.pause(c);
            pausedHere = true;
        }
        Optional<Layer> layer;
        try {
            layer = registerLayer(c.id(), parent.layers().isEmpty() ? Optional.empty()
                    : Optional.of(parent.layers().getLast()));
        } finally {
            if (pausedHere && c.record().state().paused()) {
                runner.resume(c);
            }
        }
        Image image = ctx.images().create(OciJson.bytes(imageConfig(parent, r, config, req, layer)));
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("comment", req.comment());
        attrs.put("imageID", image.id().toString());
        attrs.put("imageRef", req.tag().map(Reference::familiar).orElse(""));
        ctx.event(c.record(), "commit", attrs);
        if (req.tag().isPresent()) {
            ctx.images().tag(image.id(), req.tag().get());
            ctx.events().publish("image", "tag", image.id().toString(), Map.of("name", req.tag().get().familiar()));
        }
        return image;
    }

    private ImageConfig imageConfig(Image parent, ContainerRecord r, ContainerConfig config, Request req,
                                    Optional<Layer> layer) {
        ImageConfig p = parent.config();
        String created = Instant.now().toString();
        List<ImageConfig.History> history = new ArrayList<>(p.historyOrEmpty());
        String createdBy = String.join(" ", r.config().cmd() == null ? List.of() : r.config().cmd());
        history.add(new ImageConfig.History(created, createdBy, req.author(), req.comment(), layer.isEmpty()));
        List<Digest> diffIds = new ArrayList<>(p.diffIds());
        layer.ifPresent(l -> diffIds.add(l.diffId()));
        return new ImageConfig(p.architecture(), p.variant(), p.os(), req.author(), req.comment(), config, r.id(),
                r.config(), created, engineVersion, history, ImageConfig.RootFs.layers(diffIds));
    }

    /** The changes streamed through a pipe into the layer store; empty when there are none. */
    private Optional<Layer> registerLayer(String id, Optional<Layer> parent) throws IOException {
        if (!diff.hasChanges(id)) {
            return Optional.empty();
        }
        PipedInputStream in = new PipedInputStream(256 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread writer = Thread.ofVirtual().name("commit-" + id.substring(0, 12)).start(() -> {
            try (out) {
                diff.writeLayer(id, out);
            } catch (Exception e) {
                failed.set(e);
            }
        });
        Layer layer;
        try (in) {
            layer = layers.register(in, parent, Optional.empty());
        } catch (IOException e) {
            if (failed.get() == null) {
                throw e;
            }
            layer = null;
        } finally {
            join(writer);
        }
        if (failed.get() != null) {
            throw failed.get() instanceof IOException io ? io : new IOException(failed.get());
        }
        return Optional.of(layer);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
