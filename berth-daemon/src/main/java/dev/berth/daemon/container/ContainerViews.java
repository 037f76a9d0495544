package dev.berth.daemon.container;

import dev.berth.api.HumanDuration;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.storage.Snapshotter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of containers in the Engine API: inspect (ContainerJSON) and the list summary. */
public final class ContainerViews {
    private final ContainerContext ctx;

    public ContainerViews(ContainerContext ctx) {
        this.ctx = ctx;
    }

    public Map<String, Object> inspect(Container c) throws IOException {
        ContainerRecord r = c.record();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Created", r.created());
        m.put("Path", r.path());
        m.put("Args", r.args());
        m.put("State", state(r));
        m.put("Image", r.imageId());
        m.put("ResolvConfPath", ContainerFiles.resolvConf(ctx.store().dir(r.id())).toString());
        m.put("HostnamePath", ContainerFiles.hostname(ctx.store().dir(r.id())).toString());
        m.put("HostsPath", ContainerFiles.hosts(ctx.store().dir(r.id())).toString());
        m.put("LogPath", ctx.logPath(r.id()).toString());
        m.put("Name", r.name());
        m.put("RestartCount", r.restartCount());
        m.put("Driver", r.driver());
        m.put("Platform", "linux");
        m.put("MountLabel", "");
        m.put("ProcessLabel", "");
        m.put("AppArmorProfile", "");
        m.put("ExecIDs", ExecStore.of(ctx).liveIds(r.id()));
        m.put("HostConfig", r.hostConfig());
        m.put("GraphDriver", graphDriver(r));
        m.put("Mounts", mounts(r));
        m.put("Config", r.config());
        m.put("NetworkSettings", NetworkViews.settings(r, ctx.networking().state(r.id()), ctx.networking().controller()));
        return m;
    }

    private static Map<String, Object> state(ContainerRecord r) {
        Map<String, Object> s = new LinkedHashMap<>();
        ContainerState st = r.state();
        s.put("Status", st.status());
        // dockerd counts a container waiting for its restart as running.
        s.put("Running", st.running() || st.restarting());
        s.put("Paused", st.paused());
        s.put("Restarting", st.restarting());
        s.put("OOMKilled", st.oomKilled());
        s.put("Dead", st.dead());
        s.put("Pid", st.pid());
        s.put("ExitCode", st.exitCode());
        s.put("Error", st.error());
        s.put("StartedAt", st.startedAt());
        s.put("FinishedAt", st.finishedAt());
        if (st.health() != null) {
            s.put("Health", st.health());
        }
        return s;
    }

    private Map<String, Object> graphDriver(ContainerRecord r) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        Snapshotter s = ctx.snapshotter();
        if (s.exists(r.id())) {
            data.put("UpperDir", s.diffDir(r.id()).toString());
            data.put("MergedDir", ctx.runDir(r.id()).resolve("rootfs").toString());
        }
        return Map.of("Name", s.type(), "Data", data);
    }

    static List<Map<String, Object>> mounts(ContainerRecord r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ContainerRecord.MountPoint mp : r.mounts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", mp.type());
            if (mp.type().equals("volume")) {
                m.put("Name", mp.name());
            }
            m.put("Source", mp.source());
            m.put("Destination", mp.destination());
            if (mp.type().equals("volume")) {
                m.put("Driver", mp.driver());
            }
            m.put("Mode", mp.mode());
            m.put("RW", mp.rw());
            m.put("Propagation", mp.propagation());
            out.add(m);
        }
        return out;
    }

    /** The list entry without networking (disk usage needs no addresses). */
    public static Map<String, Object> summary(Container c) {
        return summary(c, NetworkState.empty());
    }

    public static Map<String, Object> summary(Container c, NetworkState net) {
        ContainerRecord r = c.record();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Names", List.of(r.name()));
        m.put("Image", r.config().image());
        m.put("ImageID", r.imageId());
        m.put("Command", commandText(r));
        m.put("Created", Instant.parse(r.created()).getEpochSecond());
        m.put("Ports", NetworkViews.summaryPorts(r, net));
        m.put("Labels", r.config().labels() == null ? Map.of() : r.config().labels());
        m.put("State", r.state().status());
        m.put("Status", statusText(r, Instant.now()));
        JsonNode mode = r.hostConfig().get("NetworkMode");
        m.put("HostConfig", Map.of("NetworkMode", mode == null ? "default" : mode.asText()));
        m.put("NetworkSettings", Map.of("Networks", NetworkViews.networks(r, net)));
        m.put("Mounts", mounts(r));
        return m;
    }

    /** Docker's Command column: the words joined, quoted where they have spaces. */
    static String commandText(ContainerRecord r) {
        List<String> words = new ArrayList<>();
        words.add(r.path());
        words.addAll(r.args());
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(w.contains(" ") ? "'" + w + "'" : w);
        }
        return b.toString();
    }

    /** {@code Up 4 seconds}, {@code Exited (0) 2 minutes ago}, {@code Created}: made by the daemon, as dockerd does. */
    static String statusText(ContainerRecord r, Instant now) {
        ContainerState s = r.state();
        if (s.running()) {
            String up = "Up " + HumanDuration.of(Duration.between(Instant.parse(s.startedAt()), now));
            if (s.paused()) {
                return up + " (Paused)";
            }
            return s.health() == null ? up : up + " (" + s.health().psText() + ")";
        }
        if (s.restarting()) {
            return "Restarting (" + s.exitCode() + ") " + HumanDuration.of(Duration.between(
                    Instant.parse(s.finishedAt()), now)) + " ago";
        }
        if (s.status().equals("removing")) {
            return "Removal In Progress";
        }
        if (s.status().equals("dead")) {
            return "Dead";
        }
        if (s.startedAt().equals(ContainerState.ZERO_TIME)) {
            return "Created";
        }
        if (s.finishedAt().equals(ContainerState.ZERO_TIME)) {
            return "";
        }
        return "Exited (" + s.exitCode() + ") " + HumanDuration.of(Duration.between(Instant.parse(s.finishedAt()), now))
                + " ago";
    }
}
