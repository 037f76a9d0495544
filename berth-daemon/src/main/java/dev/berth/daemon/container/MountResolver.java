package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.daemon.container.ContainerRecord.MountPoint;
import dev.berth.oci.ContainerConfig;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code Binds}, {@code Mounts}, {@code Tmpfs} and the image's {@code VOLUME}s into mount
 * points, with Docker's syntax and error messages. Named and anonymous volumes come from the
 * {@link VolumeProvider}.
 */
public final class MountResolver {
    private static final Set<String> PROPAGATIONS = Set.of("shared", "slave", "private", "rshared", "rslave", "rprivate");
    private final VolumeProvider volumes;
    private final java.util.function.Function<String, List<MountPoint>> mountsOfContainer;

    /** @param mountsOfContainer the mounts of another container, for {@code --volumes-from} */
    public MountResolver(VolumeProvider volumes, java.util.function.Function<String, List<MountPoint>> mountsOfContainer) {
        this.volumes = volumes;
        this.mountsOfContainer = mountsOfContainer;
    }

    public List<MountPoint> resolve(ContainerConfig config, HostConfigView hc) throws IOException {
        Map<String, MountPoint> byDestination = new LinkedHashMap<>();
        for (String from : hc.strings("VolumesFrom")) {
            String[] parts = from.split(":");
            for (MountPoint m : mountsOfContainer.apply(parts[0])) {
                if (m.type().equals("tmpfs")) {
                    continue;
                }
                boolean rw = parts.length > 1 ? parts[1].equals("rw") : m.rw();
                add(byDestination, new MountPoint(m.type(), m.name(), m.source(), m.destination(), m.driver(), m.mode(),
                        rw, m.propagation(), m.options(), false));
            }
        }
        for (String bind : hc.strings("Binds")) {
            add(byDestination, parseBind(bind));
        }
        JsonNode mounts = hc.json().get("Mounts");
        if (mounts != null && mounts.isArray()) {
            for (JsonNode m : mounts) {
                add(byDestination, parseMount(m));
            }
        }
        for (Map.Entry<String, String> t : hc.stringMap("Tmpfs").entrySet()) {
            add(byDestination, tmpfs(t.getKey(), t.getValue().isEmpty() ? List.of() : List.of(t.getValue().split(","))));
        }
        if (config.volumes() != null) {
            for (String dest : config.volumes().keySet()) {
                if (!byDestination.containsKey(clean(dest))) {
                    VolumeProvider.Volume v = volumes.acquire("", Map.of(), Map.of());
                    byDestination.put(clean(dest), volume(v, clean(dest), true, ""));
                }
            }
        }
        return new ArrayList<>(byDestination.values());
    }

    private static void add(Map<String, MountPoint> all, MountPoint m) {
        if (all.putIfAbsent(m.destination(), m) != null) {
            throw new InvalidArgumentException("Duplicate mount point: " + m.destination());
        }
    }

    private static String clean(String p) {
        return Path.of(p).normalize().toString();
    }

    private MountPoint parseBind(String spec) throws IOException {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidArgumentException("invalid volume specification: '" + spec + "'");
        }
        String source = parts[0];
        String dest = parts[1];
        List<String> opts = parts.length == 3 ? List.of(parts[2].split(",")) : List.of();
        if (!dest.startsWith("/")) {
            throw new InvalidArgumentException("invalid volume specification: '" + spec + "': invalid mount config for type \""
                    + (source.startsWith("/") ? "bind" : "volume") + "\": invalid mount path: '" + dest
                    + "' mount path must be absolute");
        }
        boolean ro = opts.contains("ro");
        String propagation = opts.stream().filter(PROPAGATIONS::contains).findFirst().orElse("");
        for (String o : opts) {
            if (!o.equals("ro") && !o.equals("rw") && !o.equals("z") && !o.equals("Z") && !o.equals("nocopy")
                    && !PROPAGATIONS.contains(o)) {
                throw new InvalidArgumentException("invalid mode: " + o);
            }
        }
        if (source.startsWith("/")) {
            Path src = Path.of(source);
            if (!Files.exists(src)) {
                Files.createDirectories(src);
            }
            return bind(clean(source), clean(dest), ro, propagation.isEmpty() ? "rprivate" : propagation,
                    parts.length == 3 ? parts[2] : "");
        }
        checkVolumeName(source);
        VolumeProvider.Volume v = volumes.acquire(source, Map.of(), Map.of());
        return volume(v, clean(dest), !ro, parts.length == 3 ? parts[2] : "z");
    }

    private static void checkVolumeName(String name) {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
            throw new InvalidArgumentException("create " + name + ": \"" + name
                    + "\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed."
                    + " If you intended to pass a host directory, use absolute path");
        }
    }

    private MountPoint parseMount(JsonNode m) throws IOException {
        String type = m.path("Type").asText("volume");
        String target = m.path("Target").asText("");
        String source = m.path("Source").asText("");
        boolean ro = m.path("ReadOnly").asBoolean(false);
        if (target.isEmpty()) {
            throw new InvalidArgumentException("invalid mount config for type \"" + type + "\": field Target must not be empty");
        }
        if (!target.startsWith("/")) {
            throw new InvalidArgumentException("invalid mount config for type \"" + type + "\": invalid mount path: '"
                    + target + "' mount path must be absolute");
        }
        return switch (type) {
            case "bind" -> {
                if (source.isEmpty()) {
                    throw new InvalidArgumentException("invalid mount config for type \"bind\": field Source must not be empty");
                }
                if (!Files.exists(Path.of(source))) {
                    throw new InvalidArgumentException("invalid mount config for type \"bind\": bind source path does not exist: " + source);
                }
                String prop = m.path("BindOptions").path("Propagation").asText("");
                yield bind(clean(source), clean(target), ro, prop.isEmpty() ? "rprivate" : prop, "");
            }
            case "volume" -> {
                if (!source.isEmpty()) {
                    checkVolumeName(source);
                }
                Map<String, String> opts = new LinkedHashMap<>();
                m.path("VolumeOptions").path("DriverConfig").path("Options").fields()
                        .forEachRemaining(e -> opts.put(e.getKey(), e.getValue().asText()));
                Map<String, String> labels = new LinkedHashMap<>();
                m.path("VolumeOptions").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                VolumeProvider.Volume v = volumes.acquire(source, opts, labels);
                yield volume(v, clean(target), !ro, "z");
            }
            case "tmpfs" -> {
                if (!source.isEmpty()) {
                    throw new InvalidArgumentException("invalid mount config for type \"tmpfs\": field Source must not be specified");
                }
                List<String> opts = new ArrayList<>();
                long size = m.path("TmpfsOptions").path("SizeBytes").asLong(0);
                if (size > 0) {
                    opts.add("size=" + size);
                }
                int mode = m.path("TmpfsOptions").path("Mode").asInt(0);
                if (mode > 0) {
                    opts.add("mode=" + Integer.toOctalString(mode));
                }
                if (ro) {
                    opts.add("ro");
                }
                yield tmpfs(clean(target), opts);
            }
            default -> throw new InvalidArgumentException("mount type unknown: " + type);
        };
    }

    private static MountPoint bind(String source, String dest, boolean ro, String propagation, String mode) {
        return new MountPoint("bind", "", source, dest, "", mode, !ro, propagation, List.of(), false);
    }

    private static MountPoint volume(VolumeProvider.Volume v, String dest, boolean rw, String mode) {
        return new MountPoint("volume", v.name(), v.mountpoint().toString(), dest, v.driver(), mode, rw, "",
                List.of(), v.anonymous());
    }

    private static MountPoint tmpfs(String dest, List<String> options) {
        return new MountPoint("tmpfs", "", "", dest, "", "", !options.contains("ro"), "", options, false);
    }
}
