package dev.berth.daemon.system;

import dev.berth.daemon.api.ApiVersions;
import dev.berth.daemon.api.Filters;
import dev.berth.daemon.api.Timestamps;
import dev.berth.daemon.config.DaemonConfig;
import dev.berth.daemon.container.Container;
import dev.berth.daemon.container.ContainerState;
import dev.berth.daemon.container.ContainerStore;
import dev.berth.daemon.container.ContainerViews;
import dev.berth.daemon.events.Event;
import dev.berth.daemon.events.EventLog;
import dev.berth.daemon.image.ImageBackend;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Json;
import dev.berth.http.Router;
import dev.berth.image.layer.Layer;
import dev.berth.image.store.Image;
import dev.berth.oci.Reference;
import dev.berth.storage.Snapshotter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** {@code _ping}, {@code version}, {@code info}, {@code events} and {@code system/df}. */
public final class SystemRoutes {
    private static final Set<String> EVENT_FILTERS = Set.of("config", "container", "daemon", "event", "image",
            "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume");
    private final Supplier<DaemonConfig> config;
    private final String engineId;
    private final HostFacts host;
    private final Snapshotter snapshotter;
    private final Path rootDir;
    private final ImageBackend images;
    private final ContainerStore containers;
    private final EventLog events;

    /** @param rootDir where the stores are: the data-root, or its {@code <uid>.<gid>} directory with a remap */
    public SystemRoutes(Supplier<DaemonConfig> config, String engineId, HostFacts host, Snapshotter snapshotter,
                        Path rootDir, ImageBackend images, ContainerStore containers, EventLog events) {
        this.containers = containers;
        this.config = config;
        this.engineId = engineId;
        this.host = host;
        this.snapshotter = snapshotter;
        this.rootDir = rootDir;
        this.images = images;
        this.events = events;
    }

    public void register(Router r) {
        r.route("GET", "/_ping", this::ping);
        r.route("HEAD", "/_ping", this::ping);
        r.route("GET", "/version", this::version);
        r.route("GET", "/info", this::info);
        r.route("GET", "/events", this::events);
        r.route("GET", "/system/df", this::df);
    }

    /** Headers every response carries, as dockerd sends them. */
    public static Map<String, String> commonHeaders() {
        return Map.of("Api-Version", ApiVersions.CURRENT, "Docker-Experimental", "false", "Ostype", "linux",
                "Server", "Berth/" + EngineIdentity.VERSION + " (linux)");
    }

    private void ping(HttpRequest req, HttpResponse res) throws IOException {
        res.header("Cache-Control", "no-cache, no-store, must-revalidate").header("Pragma", "no-cache")
                .header("Builder-Version", "1").header("Swarm", "inactive");
        res.text(200, "OK");
    }

    private void version(HttpRequest req, HttpResponse res) throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", ApiVersions.CURRENT);
        details.put("Arch", goArch());
        details.put("BuildTime", "");
        details.put("Experimental", "false");
        details.put("GitCommit", EngineIdentity.GIT_COMMIT);
        details.put("GoVersion", "java" + Runtime.version().feature());
        details.put("KernelVersion", host.kernelVersion());
        details.put("MinAPIVersion", ApiVersions.MINIMUM);
        details.put("Os", "linux");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Platform", Map.of("Name", "berth " + EngineIdentity.VERSION));
        v.put("Components", List.of(Map.of("Name", "Engine", "Version", EngineIdentity.ENGINE_VERSION, "Details", details)));
        v.put("Version", EngineIdentity.ENGINE_VERSION);
        v.put("ApiVersion", ApiVersions.CURRENT);
        v.put("MinAPIVersion", ApiVersions.MINIMUM);
        v.put("GitCommit", EngineIdentity.GIT_COMMIT);
        v.put("GoVersion", "java" + Runtime.version().feature());
        v.put("Os", "linux");
        v.put("Arch", goArch());
        v.put("KernelVersion", host.kernelVersion());
        v.put("BuildTime", "");
        res.json(200, v);
    }

    private static String goArch() {
        String a = System.getProperty("os.arch");
        return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
    }

    private void info(HttpRequest req, HttpResponse res) throws IOException {
        DaemonConfig c = config.get();
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("ID", engineId);
        List<ContainerState> states = containers.all().stream().map(x -> x.record().state()).toList();
        long paused = states.stream().filter(ContainerState::paused).count();
        long running = states.stream().filter(ContainerState::running).count() - paused;
        i.put("Containers", states.size());
        i.put("ContainersRunning", running);
        i.put("ContainersPaused", paused);
        i.put("ContainersStopped", states.size() - running - paused);
        i.put("Images", images.images().all().size());
        i.put("Driver", snapshotter.type());
        i.put("DriverStatus", List.of(List.of("Backing Filesystem", "extfs"), List.of("Supports d_type", "true")));
        i.put("Plugins", Map.of("Volume", List.of("local"), "Network", List.of("bridge", "host", "null"),
                "Log", List.of("json-file")));
        i.put("MemoryLimit", true);
        i.put("SwapLimit", true);
        i.put("CpuCfsPeriod", true);
        i.put("CpuCfsQuota", true);
        i.put("CPUShares", true);
        i.put("CPUSet", true);
        i.put("PidsLimit", true);
        i.put("IPv4Forwarding", true);
        i.put("Debug", c.debug());
        i.put("NFd", openFileDescriptors());
        i.put("OomKillDisable", true);
        i.put("NGoroutines", Thread.activeCount());
        i.put("SystemTime", Instant.now().toString());
        i.put("LoggingDriver", "json-file");
        i.put("CgroupDriver", "cgroupfs");
        i.put("CgroupVersion", host.cgroupVersion());
        i.put("NEventsListener", 0);
        i.put("KernelVersion", host.kernelVersion());
        i.put("OperatingSystem", host.operatingSystem());
        i.put("OSVersion", host.osVersion());
        i.put("OSType", "linux");
        i.put("Architecture", host.architecture());
        i.put("IndexServerAddress", "https://index.docker.io/v1/");
        i.put("RegistryConfig", registryConfig(c));
        i.put("NCPU", host.cpus());
        i.put("MemTotal", host.memTotal());
        i.put("DockerRootDir", rootDir.toString());
        i.put("HttpProxy", "");
        i.put("HttpsProxy", "");
        i.put("NoProxy", "");
        i.put("Name", host.hostname());
        i.put("Labels", c.labels());
        i.put("ExperimentalBuild", c.experimental());
        i.put("ServerVersion", EngineIdentity.ENGINE_VERSION);
        i.put("Runtimes", runtimes(c));
        i.put("DefaultRuntime", c.runtime().defaultRuntime());
        i.put("Swarm", Map.of("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive",
                "ControlAvailable", false, "Error", ""));
        i.put("LiveRestoreEnabled", c.liveRestore());
        i.put("Isolation", "");
        i.put("InitBinary", "tini");
        i.put("ContainerdCommit", Map.of("ID", ""));
        i.put("RuncCommit", Map.of("ID", ""));
        i.put("InitCommit", Map.of("ID", ""));
        i.put("SecurityOptions", snapshotter.idMap().isIdentity() ? List.of("name=seccomp,profile=builtin")
                : List.of("name=seccomp,profile=builtin", "name=userns"));
        i.put("Warnings", List.of());
        res.json(200, i);
    }

    private static Map<String, Object> registryConfig(DaemonConfig c) {
        List<String> cidrs = new ArrayList<>(List.of("::1/128", "127.0.0.0/8"));
        Map<String, Object> indexConfigs = new LinkedHashMap<>();
        for (String r : c.registry().insecureRegistries()) {
            if (r.contains("/")) {
                cidrs.add(r);
            } else {
                indexConfigs.put(r, Map.of("Name", r, "Mirrors", List.of(), "Secure", false, "Official", false));
            }
        }
        indexConfigs.put("docker.io", Map.of("Name", "docker.io", "Mirrors", c.registry().mirrors(),
                "Secure", true, "Official", true));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AllowNondistributableArtifactsCIDRs", null);
        m.put("AllowNondistributableArtifactsHostnames", null);
        m.put("InsecureRegistryCIDRs", cidrs);
        m.put("IndexConfigs", indexConfigs);
        m.put("Mirrors", c.registry().mirrors());
        return m;
    }

    private static Map<String, Object> runtimes(DaemonConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runc", Map.of("path", "runc"));
        m.put("crun", Map.of("path", "crun"));
        c.runtime().runtimes().forEach((name, def) -> m.put(name, Map.of("path", def.path())));
        return m;
    }

    private static int openFileDescriptors() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }

    private void events(HttpRequest req, HttpResponse res) throws Exception {
        Filters f = Filters.parse(req.query("filters"), EVENT_FILTERS);
        Instant now = Instant.now();
        long nowNano = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long since = req.query("since").filter(s -> !s.isEmpty()).map(s -> Timestamps.parseNanos(s, now)).orElse(nowNano);
        Optional<Long> until = req.query("until").filter(s -> !s.isEmpty()).map(s -> Timestamps.parseNanos(s, now));
        Predicate<Event> match = EventFilters.of(f);
        try (EventLog.Subscription sub = events.subscribe(since, match);
             OutputStream out = res.stream(200, "application/json")) {
            for (Event e : sub.past()) {
                if (until.isPresent() && e.timeNano() > until.get()) {
                    return;
                }
                write(out, e);
            }
            while (until.map(u -> currentNanos() < u).orElse(true)) {
                long wait = until.map(u -> Math.max(1, (u - currentNanos()) / 1_000_000)).orElse(1000L);
                Event e = sub.next(Math.min(wait, 1000));
                if (e != null && until.map(u -> e.timeNano() <= u).orElse(true)) {
                    write(out, e);
                }
            }
        }
    }

    private static long currentNanos() {
        Instant n = Instant.now();
        return n.getEpochSecond() * 1_000_000_000L + n.getNano();
    }

    private static void write(OutputStream out, Event e) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.type().equals("container") || e.type().equals("image")) {
            m.put("status", e.action());
            m.put("id", e.actorId());
            if (e.attributes().containsKey("image")) {
                m.put("from", e.attributes().get("image"));
            }
        }
        m.put("Type", e.type());
        m.put("Action", e.action());
        m.put("Actor", Map.of("ID", e.actorId(), "Attributes", e.attributes()));
        m.put("scope", "local");
        m.put("time", e.time());
        m.put("timeNano", e.timeNano());
        out.write(Json.mapper().writeValueAsBytes(m));
        out.write('\n');
        out.flush();
    }

    private void df(HttpRequest req, HttpResponse res) throws IOException {
        List<Map<String, Object>> imgs = new ArrayList<>();
        for (Image i : images.images().all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Containers", containers.all().stream().filter(c -> c.record().imageId().equals(i.id().toString())).count());
            m.put("Created", i.created().getEpochSecond());
            m.put("Id", i.id().toString());
            m.put("Labels", i.config().configOrEmpty().labels());
            m.put("ParentId", "");
            m.put("RepoDigests", images.images().repoDigests(i.id()).stream().map(Reference::familiar).toList());
            m.put("RepoTags", images.images().repoTags(i.id()).stream().map(Reference::familiar).toList());
            m.put("SharedSize", sharedSize(i));
            m.put("Size", i.size());
            imgs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("LayersSize", images.layers().all().stream().mapToLong(Layer::size).sum());
        out.put("Images", imgs);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Container c : containers.all()) {
            Map<String, Object> m = ContainerViews.summary(c);
            var snapshots = images.layers().snapshotter();
            long rw = snapshots.exists(c.id()) ? snapshots.usage(c.id()) : 0;
            m.put("SizeRw", rw);
            m.put("SizeRootFs", rw + images.images().get(dev.berth.oci.Digest.parse(c.record().imageId()))
                    .map(Image::size).orElse(0L));
            cs.add(m);
        }
        out.put("Containers", cs);
        out.put("Volumes", List.of());
        out.put("BuildCache", List.of());
        out.put("BuilderSize", 0);
        res.json(200, out);
    }

    /** Bytes of this image's layers that other images use too. */
    private long sharedSize(Image image) {
        long shared = 0;
        for (Layer l : image.layers()) {
            boolean other = images.images().all().stream()
                    .anyMatch(o -> !o.id().equals(image.id()) && o.layers().contains(l));
            shared += other ? l.size() : 0;
        }
        return shared;
    }
}
