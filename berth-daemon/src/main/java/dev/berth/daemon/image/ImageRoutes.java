package dev.berth.daemon.image;

import dev.berth.daemon.api.Filters;
import dev.berth.daemon.api.JsonMessageWriter;
import dev.berth.daemon.distribution.Distribution;
import dev.berth.daemon.events.EventLog;
import dev.berth.http.ApiException;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import dev.berth.image.archive.ArchiveLoader;
import dev.berth.image.archive.ArchiveWriter;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageRemover;
import dev.berth.image.store.ImageStore;
import dev.berth.daemon.api.Timestamps;
import dev.berth.oci.Digest;
import dev.berth.oci.Platform;
import dev.berth.oci.Reference;
import dev.berth.storage.Snapshotter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The {@code /images} routes of the Engine API. */
public final class ImageRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "label", "before", "since", "reference", "until");
    private static final Set<String> PRUNE_FILTERS = Set.of("dangling", "label", "until");
    private final ImageBackend backend;
    private final EventLog events;
    private final ImageViews views;
    private final Distribution distribution;

    public ImageRoutes(ImageBackend backend, EventLog events, Snapshotter snapshotter, Distribution distribution) {
        this.backend = backend;
        this.events = events;
        this.views = new ImageViews(backend.images(), snapshotter);
        this.distribution = distribution;
    }

    public void register(Router r) {
        r.route("POST", "/images/create", this::create);
        r.route("GET", "/images/json", this::list);
        r.route("POST", "/images/prune", this::prune);
        r.route("GET", "/images/get", this::saveMany);
        r.route("POST", "/images/load", this::load);
        r.route("GET", "/images/{name:.+}/json", this::inspect);
        r.route("GET", "/images/{name:.+}/history", this::history);
        r.route("GET", "/images/{name:.+}/get", this::saveOne);
        r.route("POST", "/images/{name:.+}/tag", this::tag);
        r.route("POST", "/images/{name:.+}/push", distribution::push);
        r.route("POST", "/auth", distribution::auth);
        r.route("DELETE", "/images/{name:.+}", this::remove);
    }

    private void create(HttpRequest req, HttpResponse res) throws IOException {
        Optional<String> src = req.query("fromSrc");
        if (src.isEmpty()) {
            distribution.pull(req, res);
            return;
        }
        if (!src.get().equals("-")) {
            throw ApiException.invalidParameter("importing from a URL is not supported: %s", src.get());
        }
        Optional<Reference> target = importTarget(req);
        Platform platform = req.query("platform").filter(p -> !p.isEmpty()).map(Platform::parse).orElse(Platform.host());
        Image image = backend.importer().importTar(req.body(), src.get(), req.query("message"),
                req.queryAll("changes"), platform);
        events.publish("image", "import", image.id().toString(), Map.of("name", image.id().toString()));
        if (target.isPresent()) {
            tagAndLog(image, target.get());
        }
        new JsonMessageWriter(res.stream(200, "application/json")).status(image.id().toString());
    }

    private static Optional<Reference> importTarget(HttpRequest req) {
        Optional<String> repo = req.query("repo").filter(s -> !s.isEmpty());
        if (repo.isEmpty()) {
            return Optional.empty();
        }
        Reference r = Reference.parse(repo.get());
        Optional<String> tag = req.query("tag").filter(s -> !s.isEmpty());
        return Optional.of(tag.map(r::withTag).orElse(r.withDefaultTag()));
    }

    private void tagAndLog(Image image, Reference ref) throws IOException {
        backend.images().tag(image.id(), ref);
        events.publish("image", "tag", image.id().toString(), Map.of("name", ref.familiar()));
    }

    private void list(HttpRequest req, HttpResponse res) throws IOException {
        Filters f = Filters.parse(req.query("filters"), LIST_FILTERS);
        Predicate<Image> match = listFilter(f);
        Optional<String> byName = req.query("filter").filter(s -> !s.isEmpty());
        List<Map<String, Object>> out = new ArrayList<>();
        backend.images().all().stream()
                .filter(match)
                .filter(i -> byName.map(n -> referenceMatches(i, n)).orElse(true))
                .sorted(Comparator.comparing(Image::created).reversed().thenComparing(i -> i.id().toString()))
                .forEach(i -> out.add(views.summary(i, req.apiVersion())));
        res.json(200, out);
    }

    private Predicate<Image> listFilter(Filters f) {
        Optional<Boolean> dangling = f.bool("dangling");
        Optional<Image> before = f.get("before").stream().findFirst().map(backend.images()::resolve);
        Optional<Image> since = f.get("since").stream().findFirst().map(backend.images()::resolve);
        return i -> {
            boolean isDangling = backend.images().repoTags(i.id()).isEmpty();
            return dangling.map(d -> d == isDangling).orElse(true)
                    && f.labelsMatch(i.config().configOrEmpty().labels())
                    && before.map(b -> i.created().isBefore(b.created())).orElse(true)
                    && since.map(s -> i.created().isAfter(s.created())).orElse(true)
                    && f.anyMatches("reference", pattern -> referenceMatches(i, pattern))
                    && f.anyMatches("until", u -> i.created().getEpochSecond() < Timestamps.parseUnix(u));
        };
    }

    /** Docker's reference filter: a glob over the familiar name, or name:tag when the pattern has a tag. */
    private boolean referenceMatches(Image i, String pattern) {
        for (Reference r : backend.images().repoTags(i.id())) {
            String candidate = pattern.contains(":") ? r.familiar() : r.familiarName();
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            if (m.matches(Path.of(candidate)) || pattern.equals(r.familiar())) {
                return true;
            }
        }
        return false;
    }

    private void inspect(HttpRequest req, HttpResponse res) throws IOException {
        String name = req.pathParam("name");
        Image image = backend.images().find(name).orElseThrow(() -> ApiException.notFound(
                "No such image: %s", ImageStore.shownName(name)));
        res.json(200, views.inspect(image));
    }

    private void history(HttpRequest req, HttpResponse res) throws IOException {
        res.json(200, views.history(backend.images().resolve(req.pathParam("name"))));
    }

    private void tag(HttpRequest req, HttpResponse res) throws IOException {
        Image image = backend.images().resolve(req.pathParam("name"));
        String repo = req.query("repo").orElse("");
        if (repo.isEmpty()) {
            throw ApiException.invalidParameter("repository name must have at least one component");
        }
        Reference r = Reference.parse(repo);
        if (r.digest().isPresent()) {
            throw ApiException.invalidParameter("refusing to create a tag with a digest reference");
        }
        String tag = req.query("tag").filter(t -> !t.isEmpty()).orElse(r.tag().orElse(Reference.DEFAULT_TAG));
        tagAndLog(image, r.withTag(tag));
        res.empty(201);
    }

    private void remove(HttpRequest req, HttpResponse res) throws IOException {
        String id = backend.images().resolve(req.pathParam("name")).id().toString();
        List<ImageRemover.Deleted> deleted = backend.remover().remove(req.pathParam("name"), req.queryBool("force", false));
        List<Map<String, String>> out = new ArrayList<>();
        for (ImageRemover.Deleted d : deleted) {
            d.untagged().ifPresent(u -> {
                out.add(Map.of("Untagged", u));
                events.publish("image", "untag", id, Map.of("name", id));
            });
            d.deleted().ifPresent(gone -> out.add(Map.of("Deleted", gone)));
        }
        if (out.stream().anyMatch(m -> id.equals(m.get("Deleted")))) {
            events.publish("image", "delete", id, Map.of("name", id));
        }
        res.json(200, out);
    }

    private void prune(HttpRequest req, HttpResponse res) throws IOException {
        Filters f = Filters.parse(req.query("filters"), PRUNE_FILTERS);
        boolean all = !f.bool("dangling").orElse(true);
        ImageRemover.Pruned pruned = backend.remover().prune(all, i -> f.labelsMatch(i.config().configOrEmpty().labels())
                && f.anyMatches("until", u -> i.created().getEpochSecond() < Timestamps.parseUnix(u)));
        List<Map<String, String>> out = new ArrayList<>();
        for (ImageRemover.Deleted d : pruned.deleted()) {
            d.untagged().ifPresent(u -> out.add(Map.of("Untagged", u)));
            d.deleted().ifPresent(id -> out.add(Map.of("Deleted", id)));
        }
        events.publish("image", "prune", "", Map.of("reclaimed", Long.toString(pruned.spaceReclaimed())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ImagesDeleted", out.isEmpty() ? null : out);
        body.put("SpaceReclaimed", pruned.spaceReclaimed());
        res.json(200, body);
    }

    private void saveOne(HttpRequest req, HttpResponse res) throws IOException {
        save(List.of(req.pathParam("name")), res);
    }

    private void saveMany(HttpRequest req, HttpResponse res) throws IOException {
        save(req.queryAll("names"), res);
    }

    private void save(List<String> names, HttpResponse res) throws IOException {
        List<ArchiveWriter.Entry> entries = new SaveSelection(backend.images()).select(names);
        try (OutputStream out = new BufferedOutputStream(res.stream(200, "application/x-tar"), 1 << 16)) {
            backend.archiveWriter().write(entries, out);
        }
        for (ArchiveWriter.Entry e : entries) {
            events.publish("image", "save", e.image().id().toString(), Map.of("name", e.image().id().toString()));
        }
    }

    private void load(HttpRequest req, HttpResponse res) throws IOException {
        boolean quiet = req.queryBool("quiet", false);
        JsonMessageWriter out = new JsonMessageWriter(res.stream(200, "application/json"));
        List<ArchiveLoader.Loaded> loaded;
        try {
            loaded = backend.archiveLoader().load(req.body(), layer -> {
                if (!quiet) {
                    try {
                        out.progress("Loading layer", layer, 0, 0);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            out.error(e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        for (ArchiveLoader.Loaded l : loaded) {
            if (l.tags().isEmpty()) {
                out.stream("Loaded image ID: " + l.image().id() + "\n");
            }
            for (Reference tag : l.tags()) {
                Optional<Digest> previous = backend.images().tag(l.image().id(), tag);
                if (previous.isPresent()) {
                    out.stream("The image " + tag.familiar() + " already exists, renaming the old one with ID "
                            + previous.get() + " to empty string\n");
                }
                out.stream("Loaded image: " + tag.familiar() + "\n");
            }
            events.publish("image", "load", l.image().id().toString(), Map.of("name", l.image().id().toString()));
        }
    }
}
