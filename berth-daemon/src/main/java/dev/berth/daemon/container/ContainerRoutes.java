package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.daemon.api.Filters;
import dev.berth.daemon.api.Timestamps;
import dev.berth.http.ApiException;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Json;
import dev.berth.http.RawStream;
import dev.berth.http.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code /containers} routes: lifecycle, attach, logs, wait, list, inspect. */
public final class ContainerRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("ancestor", "before", "expose", "exited", "health", "id",
            "isolation", "is-task", "label", "name", "network", "publish", "since", "status", "volume");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final ContainerContext ctx;
    private final ContainerCreator creator;
    private final ContainerRunner runner;
    private final ContainerRemover remover;
    private final ContainerViews views;
    private final ContainerListFilter listFilter;

    public ContainerRoutes(ContainerContext ctx, ContainerCreator creator, ContainerRunner runner,
                           ContainerRemover remover) {
        this.ctx = ctx;
        this.creator = creator;
        this.runner = runner;
        this.remover = remover;
        this.views = new ContainerViews(ctx);
        this.listFilter = new ContainerListFilter(ctx);
    }

    public void register(Router r) {
        r.route("POST", "/containers/create", this::create);
        r.route("GET", "/containers/json", this::list);
        r.route("POST", "/containers/prune", this::prune);
        r.route("GET", "/containers/{id}/json", this::inspect);
        r.route("POST", "/containers/{id}/start", this::start);
        r.route("POST", "/containers/{id}/stop", this::stop);
        r.route("POST", "/containers/{id}/restart", this::restart);
        r.route("POST", "/containers/{id}/kill", this::kill);
        r.route("POST", "/containers/{id}/wait", this::await);
        r.route("POST", "/containers/{id}/attach", this::attach);
        r.route("GET", "/containers/{id}/logs", this::logs);
        r.route("POST", "/containers/{id}/rename", this::rename);
        r.route("POST", "/containers/{id}/pause", this::pause);
        r.route("POST", "/containers/{id}/unpause", this::unpause);
        r.route("POST", "/containers/{id}/resize", this::resize);
        r.route("DELETE", "/containers/{id}", this::remove);
    }

    private Container container(HttpRequest req) {
        return ctx.store().resolve(req.pathParam("id"));
    }

    private void create(HttpRequest req, HttpResponse res) throws IOException {
        JsonNode body = req.jsonTree();
        if (body == null || !body.isObject()) {
            throw ApiException.invalidParameter("config cannot be empty in order to create a container");
        }
        ContainerRecord r = creator.create(body, req.query("name"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", r.id());
        out.put("Warnings", List.of());
        res.json(201, out);
    }

    private void list(HttpRequest req, HttpResponse res) throws IOException {
        Filters f = Filters.parse(req.query("filters"), LIST_FILTERS);
        boolean all = req.queryBool("all", false);
        int limit = req.queryInt("limit", -1);
        List<Container> matches = new ArrayList<>(ctx.store().all().stream()
                .filter(c -> all || c.record().state().running() || c.record().state().restarting() || f.has("status") || limit > 0)
                .filter(listFilter.of(f))
                .sorted(Comparator.comparing((Container c) -> c.record().created()).reversed())
                .toList());
        if (limit > 0 && matches.size() > limit) {
            matches = matches.subList(0, limit);
        }
        boolean size = req.queryBool("size", false);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Container c : matches) {
            Map<String, Object> m = ContainerViews.summary(c, ctx.networking().state(c.id()));
            if (size) {
                long rw = ctx.snapshotter().exists(c.id()) ? ctx.snapshotter().usage(c.id()) : 0;
                m.put("SizeRw", rw);
                m.put("SizeRootFs", rw + ctx.images().get(dev.berth.oci.Digest.parse(c.record().imageId()))
                        .map(dev.berth.image.store.Image::size).orElse(0L));
            }
            out.add(m);
        }
        res.json(200, out);
    }

    private void inspect(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        Map<String, Object> m = views.inspect(c);
        if (req.queryBool("size", false) && ctx.snapshotter().exists(c.id())) {
            m.put("SizeRw", ctx.snapshotter().usage(c.id()));
        }
        res.json(200, m);
    }

    private void start(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        if (!runner.start(c)) {
            throw ApiException.notModified();
        }
        res.empty(204);
    }

    private void stop(HttpRequest req, HttpResponse res) throws Exception {
        Container c = container(req);
        if (!runner.stop(c, req.query("signal"), timeout(req))) {
            throw ApiException.notModified();
        }
        res.empty(204);
    }

    private static Optional<Integer> timeout(HttpRequest req) {
        return req.query("t").filter(s -> !s.isEmpty()).map(Integer::parseInt);
    }

    private void restart(HttpRequest req, HttpResponse res) throws Exception {
        Container c = container(req);
        runner.stop(c, req.query("signal"), timeout(req));
        runner.start(c);
        ctx.event(c.record(), "restart", Map.of());
        res.empty(204);
    }

    private void kill(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        runner.kill(c, req.query("signal").filter(s -> !s.isEmpty()).orElse("KILL"), req.pathParam("id"));
        res.empty(204);
    }

    private void await(HttpRequest req, HttpResponse res) throws Exception {
        Container c = container(req);
        String condition = req.query("condition").filter(s -> !s.isEmpty()).orElse("not-running");
        if (!Set.of("not-running", "next-exit", "removed").contains(condition)) {
            throw ApiException.invalidParameter("invalid condition: \"%s\"", condition);
        }
        long exitsAtStart = c.exits();
        try (OutputStream out = res.stream(200, "application/json")) {
            switch (condition) {
                case "next-exit" -> c.await(x -> x.exits() > exitsAtStart || x.isRemoved(), 0);
                case "removed" -> c.await(Container::isRemoved, 0);
                default -> c.await(x -> !x.record().state().running() || x.isRemoved(), 0);
            }
            ContainerState s = c.record().state();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Error", null);
            body.put("StatusCode", s.exitCode());
            out.write(Json.mapper().writeValueAsBytes(body));
            out.write('\n');
        }
    }

    private void attach(HttpRequest req, HttpResponse res) throws Exception {
        Container c = container(req);
        ContainerRecord r = c.record();
        if (r.state().paused()) {
            throw ApiException.conflict("You cannot attach to a paused container, unpause it first");
        }
        boolean tty = r.config().tty();
        String type = tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        RawStream raw = req.isUpgrade() ? res.upgrade(Map.of("Content-Type", type)) : res.rawStream(200, type);
        AttachHub.Client client = new AttachHub.Client(raw.out(), req.queryBool("stdout", false),
                req.queryBool("stderr", false), !tty);
        c.attach().add(client);
        if (req.queryBool("stdin", false) && r.config().openStdin()) {
            c.attach().stdin(raw.in());
        }
        ctx.event(r, "attach", Map.of());
        try {
            client.awaitEnd();
        } finally {
            c.attach().remove(client);
            raw.close();
        }
    }

    private void logs(HttpRequest req, HttpResponse res) throws Exception {
        Container c = container(req);
        boolean stdout = req.queryBool("stdout", false);
        boolean stderr = req.queryBool("stderr", false);
        if (!stdout && !stderr) {
            throw ApiException.invalidParameter("Bad parameters: you must choose at least one stream");
        }
        Instant now = Instant.now();
        long since = req.query("since").filter(s -> !s.isEmpty() && !s.equals("0"))
                .map(s -> Timestamps.parseNanos(s, now)).orElse(0L);
        long until = req.query("until").filter(s -> !s.isEmpty() && !s.equals("0"))
                .map(s -> Timestamps.parseNanos(s, now)).orElse(0L);
        String tailText = req.query("tail").orElse("all");
        int tail = tailText.equals("all") || tailText.isEmpty() ? -1 : Math.max(0, Integer.parseInt(tailText));
        boolean follow = req.queryBool("follow", false);
        boolean timestamps = req.queryBool("timestamps", false);
        boolean tty = c.record().config().tty();
        String contentType = req.apiVersion().map(v -> dev.berth.daemon.api.ApiVersions.compare(v, "1.42") >= 0)
                .orElse(true) ? (tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream")
                : null;
        try (OutputStream out = res.stream(200, contentType)) {
            LogReader.read(ctx.logPath(c.id()), new LogReader.Query(stdout, stderr, since, until, tail, follow),
                    () -> c.record().state().running() && !c.isRemoved(), e -> {
                        byte[] data = timestamps ? concat((LOG_TIME.format(e.time()) + " ")
                                .getBytes(StandardCharsets.UTF_8), e.data()) : e.data();
                        if (tty) {
                            out.write(data);
                        } else {
                            StreamFrames.write(out, e.stream(), data, 0, data.length);
                        }
                        out.flush();
                        return true;
                    });
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void rename(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        String newName = Names.validate(req.query("name").filter(n -> !n.isEmpty())
                .orElseThrow(() -> ApiException.invalidParameter("Neither old nor new names may be empty")));
        String old = c.record().name();
        if (old.equals(newName)) {
            throw ApiException.conflict("Renaming a container with the same name as its current name");
        }
        ctx.store().rename(c, newName);
        ctx.event(c.record(), "rename", Map.of("oldName", old));
        res.empty(204);
    }

    private void pause(HttpRequest req, HttpResponse res) throws IOException {
        runner.pause(container(req));
        res.empty(204);
    }

    private void unpause(HttpRequest req, HttpResponse res) throws IOException {
        runner.resume(container(req));
        res.empty(204);
    }

    private void resize(HttpRequest req, HttpResponse res) throws IOException {
        runner.resize(container(req), req.queryInt("h", 0), req.queryInt("w", 0));
        res.empty(200);
    }

    private void remove(HttpRequest req, HttpResponse res) throws Exception {
        remover.remove(container(req), req.queryBool("force", false), req.queryBool("v", false));
        res.empty(204);
    }

    private void prune(HttpRequest req, HttpResponse res) throws Exception {
        Filters f = Filters.parse(req.query("filters"), Set.of("until", "label", "label!"));
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Container c : ctx.store().all()) {
            ContainerRecord r = c.record();
            boolean old = f.anyMatches("until", u -> Instant.parse(r.created()).getEpochSecond() < Timestamps.parseUnix(u));
            if (r.state().running() || !old || !f.labelsMatch(r.config().labels())) {
                continue;
            }
            reclaimed += ctx.snapshotter().exists(c.id()) ? ctx.snapshotter().usage(c.id()) : 0;
            remover.remove(c, false, false);
            deleted.add(r.id());
        }
        ctx.events().publish("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ContainersDeleted", deleted.isEmpty() ? null : deleted);
        out.put("SpaceReclaimed", reclaimed);
        res.json(200, out);
    }
}
