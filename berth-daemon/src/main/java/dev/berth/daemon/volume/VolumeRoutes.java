package dev.berth.daemon.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.daemon.api.Filters;
import dev.berth.daemon.events.EventLog;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /volumes} routes: create, list, inspect, remove, prune. */
public final class VolumeRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "label", "name");
    private final LocalVolumes volumes;
    private final EventLog events;

    public VolumeRoutes(LocalVolumes volumes, EventLog events) {
        this.volumes = volumes;
        this.events = events;
    }

    public void register(Router r) {
        r.route("POST", "/volumes/create", this::create);
        r.route("GET", "/volumes", this::list);
        r.route("POST", "/volumes/prune", this::prune);
        r.route("GET", "/volumes/{name}", this::inspect);
        r.route("DELETE", "/volumes/{name}", this::remove);
    }

    Map<String, Object> view(VolumeRecord v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CreatedAt", v.createdAt());
        m.put("Driver", v.driver());
        m.put("Labels", v.labels().isEmpty() ? null : v.labels());
        m.put("Mountpoint", volumes.mountpoint(v.name()).toString());
        m.put("Name", v.name());
        m.put("Options", v.options().isEmpty() ? null : v.options());
        m.put("Scope", "local");
        return m;
    }

    private void create(HttpRequest req, HttpResponse res) throws IOException {
        JsonNode body = req.jsonTree();
        Map<String, String> opts = new LinkedHashMap<>();
        body.path("DriverOpts").fields().forEachRemaining(e -> opts.put(e.getKey(), e.getValue().asText()));
        Map<String, String> labels = new LinkedHashMap<>();
        body.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        VolumeRecord v = volumes.create(body.path("Name").asText(""), body.path("Driver").asText(""), opts, labels);
        res.json(201, view(v));
    }

    private void list(HttpRequest req, HttpResponse res) throws IOException {
        Filters f = Filters.parse(req.query("filters"), LIST_FILTERS);
        java.util.Optional<Boolean> dangling = f.bool("dangling");
        List<Map<String, Object>> out = new ArrayList<>();
        volumes.all().stream()
                .filter(v -> f.anyMatches("name", n -> v.name().contains(n)))
                .filter(v -> f.anyMatches("driver", d -> d.equals(v.driver())))
                .filter(v -> f.labelsMatch(v.labels()))
                .filter(v -> dangling.map(d -> d == volumes.usersOf(v.name()).isEmpty()).orElse(true))
                .sorted(Comparator.comparing(VolumeRecord::name))
                .forEach(v -> out.add(view(v)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Volumes", out);
        body.put("Warnings", null);
        res.json(200, body);
    }

    private void inspect(HttpRequest req, HttpResponse res) throws IOException {
        res.json(200, view(volumes.get(req.pathParam("name"))));
    }

    private void remove(HttpRequest req, HttpResponse res) throws IOException {
        volumes.remove(req.pathParam("name"), req.queryBool("force", false));
        res.empty(204);
    }

    /** Unused volumes: anonymous ones only, unless {@code all=true} (API 1.42+), as dockerd does. */
    private void prune(HttpRequest req, HttpResponse res) throws IOException {
        Filters f = Filters.parse(req.query("filters"), Set.of("all", "label", "label!"));
        boolean all = f.bool("all").orElse(req.apiVersion()
                .map(v -> dev.berth.daemon.api.ApiVersions.compare(v, "1.42") < 0).orElse(false));
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (VolumeRecord v : volumes.all()) {
            if ((all || v.anonymous()) && volumes.usersOf(v.name()).isEmpty() && f.labelsMatch(v.labels())) {
                reclaimed += volumes.size(v.name());
                volumes.remove(v.name(), false);
                deleted.add(v.name());
            }
        }
        events.publish("volume", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("VolumesDeleted", deleted.isEmpty() ? null : deleted);
        out.put("SpaceReclaimed", reclaimed);
        res.json(200, out);
    }
}
