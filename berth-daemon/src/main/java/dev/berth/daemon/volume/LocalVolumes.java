package dev.berth.daemon.volume;

import dev.berth.daemon.events.EventLog;
import dev.berth.daemon.container.VolumeProvider;
import dev.berth.linux.AtomicFiles;
import dev.berth.linux.Command;
import dev.berth.linux.IdMap;
import dev.berth.linux.Mounts;
import dev.berth.linux.Nodes;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.InvalidArgumentException;
import dev.berth.oci.error.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code local} volume driver: a directory {@code volumes/<name>/_data} per volume, or, with
 * {@code -o type= device= o=}, a filesystem mounted there (tmpfs, or a bind of a host path).
 * Mounted filesystems are mounted when the volume is created and again at daemon start.
 */
public final class LocalVolumes implements VolumeProvider {
    public static final String DRIVER = "local";
    private static final Set<String> OPTIONS = Set.of("type", "device", "o", "size");
    private final Path root;
    private final EventLog events;
    private final IdMap ids;
    private final Map<String, VolumeRecord> volumes = new ConcurrentHashMap<>();
    private volatile Function<String, List<String>> users = name -> List.of();

    /** @param ids with {@code --userns-remap}, whose root owns a new volume's {@code _data} */
    public LocalVolumes(Path root, EventLog events, IdMap ids) throws IOException {
        this.root = root;
        this.events = events;
        this.ids = ids;
        Files.createDirectories(root);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                Path opts = dir.resolve("opts.json");
                if (Files.isRegularFile(opts)) {
                    VolumeRecord v = OciJson.read(Files.readAllBytes(opts), VolumeRecord.class);
                    volumes.put(v.name(), v);
                    mountIfNeeded(v);
                }
            }
        }
    }

    /** Tells the store which containers use a volume (short IDs), so that those volumes cannot be removed. */
    public void usersFrom(Function<String, List<String>> users) {
        this.users = users;
    }

    public Path mountpoint(String name) {
        return root.resolve(name).resolve("_data");
    }

    public Collection<VolumeRecord> all() {
        return List.copyOf(volumes.values());
    }

    public VolumeRecord get(String name) {
        VolumeRecord v = volumes.get(name);
        if (v == null) {
            throw new NotFoundException("get " + name + ": no such volume");
        }
        return v;
    }

    public List<String> usersOf(String name) {
        return users.apply(name);
    }

    /** Creates a volume, or returns the existing one of that name (Docker's create is idempotent). */
    public synchronized VolumeRecord create(String name, String driver, Map<String, String> options,
                                            Map<String, String> labels) throws IOException {
        String d = driver == null || driver.isEmpty() ? DRIVER : driver;
        if (!d.equals(DRIVER)) {
            throw new NotFoundException("plugin \"" + d + "\" not found");
        }
        boolean anonymous = name == null || name.isEmpty();
        String n = anonymous ? randomName() : name;
        if (!n.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
            throw new InvalidArgumentException("create " + n + ": \"" + n
                    + "\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed."
                    + " If you intended to pass a host directory, use absolute path");
        }
        VolumeRecord existing = volumes.get(n);
        if (existing != null) {
            return existing;
        }
        Map<String, String> opts = new TreeMap<>(options == null ? Map.of() : options);
        for (String k : opts.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new InvalidArgumentException("invalid option: \"" + k + "\"");
            }
        }
        if (opts.containsKey("type") != opts.containsKey("device")) {
            throw new InvalidArgumentException("missing required option: \"" + (opts.containsKey("type") ? "device" : "type") + "\"");
        }
        VolumeRecord v = new VolumeRecord(n, DRIVER, labels == null ? Map.of() : new TreeMap<>(labels), opts,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), anonymous);
        Files.createDirectories(mountpoint(n));
        Nodes.lchown(mountpoint(n), (int) ids.hostUid(0), (int) ids.hostGid(0));
        try {
            mountIfNeeded(v);
        } catch (IOException e) {
            deleteDir(root.resolve(n));
            throw new InvalidArgumentException("error while mounting volume '" + mountpoint(n) + "': " + e.getMessage());
        }
        AtomicFiles.write(root.resolve(n).resolve("opts.json"), OciJson.bytes(v));
        volumes.put(n, v);
        events.publish("volume", "create", n, Map.of("driver", DRIVER));
        return v;
    }

    private static String randomName() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void mountIfNeeded(VolumeRecord v) throws IOException {
        String type = v.options().get("type");
        if (type == null) {
            return;
        }
        Path target = mountpoint(v.name());
        if (isMounted(target)) {
            return;
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("mount", "-t", type));
        String o = v.options().get("o");
        if (o != null && !o.isEmpty()) {
            cmd.add("-o");
            cmd.add(o);
        }
        cmd.add(v.options().get("device"));
        cmd.add(target.toString());
        Command.of(cmd).timeout(Duration.ofSeconds(30)).run().check();
    }

    private static boolean isMounted(Path target) throws IOException {
        String t = target.toAbsolutePath().toString();
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.map(l -> l.split(" ")).anyMatch(f -> f.length > 4 && f[4].equals(t));
        }
    }

    /** Removes a volume no container uses (with {@code force}, a missing one is not an error). */
    public synchronized void remove(String name, boolean force) throws IOException {
        VolumeRecord v = volumes.get(name);
        if (v == null) {
            if (force) {
                return;
            }
            throw new NotFoundException("get " + name + ": no such volume");
        }
        List<String> inUse = users.apply(name);
        if (!inUse.isEmpty()) {
            throw new ConflictException("remove " + name + ": volume is in use - [" + String.join(", ", inUse) + "]");
        }
        Path target = mountpoint(name);
        if (isMounted(target)) {
            Mounts.umount2(target, Mounts.MNT_DETACH);
        }
        volumes.remove(name);
        AtomicFiles.delete(root.resolve(name).resolve("opts.json"));
        deleteDir(root.resolve(name));
        events.publish("volume", "destroy", name, Map.of("driver", DRIVER));
    }

    /** Deletes a volume directory without crossing into other filesystems mounted below it. */
    private static void deleteDir(Path dir) throws IOException {
        Command.of("rm", "-rf", "--one-file-system", dir.toString()).timeout(Duration.ofMinutes(5)).run().check();
    }

    public long size(String name) throws IOException {
        Path data = mountpoint(name);
        if (!Files.exists(data)) {
            return 0;
        }
        String out = Command.of("du", "-s", "-B1", "-x", data.toString()).timeout(Duration.ofMinutes(1)).run().check().stdout();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    @Override
    public Volume acquire(String name, Map<String, String> driverOptions, Map<String, String> labels) throws IOException {
        VolumeRecord v = create(name, DRIVER, driverOptions, labels);
        return new Volume(v.name(), mountpoint(v.name()), v.driver(), v.anonymous());
    }

    @Override
    public void populate(String name, Path imageDirectory) throws IOException {
        Path data = mountpoint(name);
        if (!Files.isDirectory(imageDirectory)) {
            return;
        }
        try (Stream<Path> existing = Files.list(data)) {
            if (existing.findAny().isPresent()) {
                return;
            }
        }
        try (Stream<Path> content = Files.list(imageDirectory)) {
            if (content.findAny().isEmpty()) {
                return;
            }
        }
        Command.of("cp", "-a", imageDirectory + "/.", data + "/").timeout(Duration.ofMinutes(10)).run().check();
    }

    @Override
    public void removeAnonymous(String name) throws IOException {
        VolumeRecord v = volumes.get(name);
        if (v != null && v.anonymous() && users.apply(name).isEmpty()) {
            remove(name, false);
        }
    }
}
