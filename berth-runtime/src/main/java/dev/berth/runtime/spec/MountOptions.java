package dev.berth.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The options of {@link SpecBuilder} that shape {@code mounts} and the paths hidden from the container. */
final class MountOptions {
    /** Default mounts that stay writable on a read-only rootfs: the container needs them to work at all. */
    private static final Set<String> WRITABLE_ON_READONLY_ROOT = Set.of("/proc", "/dev/pts", "/dev/shm", "/dev/mqueue", "/dev");
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

    private MountOptions() {
    }

    /**
     * Docker's merge: default mounts a user mount replaces are dropped (all of /dev/* when /dev itself is
     * mounted), /dev/shm gets its size, then user mounts follow, parents before children.
     */
    static void withMounts(ContainerSpec in, HostFacts host, ObjectNode spec) {
        List<ObjectNode> user = userMounts(in);
        Set<String> userDestinations = destinations(user);
        boolean mountsDev = userDestinations.contains("/dev");
        ArrayNode mounts = JsonNodeFactory.instance.arrayNode();
        for (JsonNode m : spec.withArrayProperty("mounts")) {
            String destination = m.path("destination").asText();
            if (userDestinations.contains(destination) || (mountsDev && destination.startsWith("/dev/"))) {
                continue;
            }
            if (destination.equals("/dev/shm")) {
                setShmSize((ObjectNode) m, in.shmSize() > 0 ? in.shmSize() : DefaultSpec.DEFAULT_SHM_SIZE);
            }
            mounts.add(m);
        }
        user.forEach(mounts::add);
        spec.set("mounts", mounts);
        rootfsPropagation(user).ifPresent(p -> spec.withObjectProperty("linux").put("rootfsPropagation", p));
    }

    /** tmpfs mounts, binds and volumes, sorted by depth so that a parent is mounted before its children. */
    static List<ObjectNode> userMounts(ContainerSpec in) {
        List<ObjectNode> user = new ArrayList<>();
        for (Map.Entry<String, String> t : in.tmpfs().entrySet()) {
            user.add(tmpfs(t.getKey(), t.getValue()));
        }
        for (ContainerSpec.MountSpec m : in.mounts()) {
            user.add(switch (m.type()) {
                case "bind" -> bind(m.source(), m.destination(), m.options());
                case "tmpfs" -> tmpfs(m.destination(), String.join(",", m.options()));
                default -> DefaultSpec.mount(m.destination(), m.type(), m.source(), m.options().toArray(String[]::new));
            });
        }
        // The host's IPC namespace comes with the host's /dev/shm.
        if (in.namespaces().ipc().kind().equals("host")) {
            user.add(bind("/dev/shm", "/dev/shm", List.of()));
        }
        user.sort(Comparator.comparingInt(m -> depth(m.path("destination").asText())));
        return user;
    }

    /** {@code --tmpfs}: Docker's {@code noexec,nosuid,nodev} unless the given options say otherwise. */
    static ObjectNode tmpfs(String destination, String options) {
        return DefaultSpec.mount(destination, "tmpfs", "tmpfs", TmpfsOptions.withDefaults(options).toArray(String[]::new));
    }

    /** A bind is recursive unless {@code bind} is asked for, writable unless {@code ro}, private unless told. */
    static ObjectNode bind(String source, String destination, List<String> given) {
        List<String> options = new ArrayList<>();
        options.add(given.contains("bind") ? "bind" : "rbind");
        if (given.contains("ro") || given.contains("readonly")) {
            options.add("ro");
        }
        options.add(given.stream().filter(PROPAGATIONS::contains).reduce((a, b) -> b).orElse("rprivate"));
        given.stream()
                .filter(o -> !Set.of("bind", "rbind", "ro", "readonly", "rw").contains(o) && !PROPAGATIONS.contains(o))
                .forEach(options::add);
        return DefaultSpec.mount(destination, "bind", source, options.toArray(String[]::new));
    }

    /** A shared (or slave) bind only propagates if the container's root does too. */
    private static java.util.Optional<String> rootfsPropagation(List<ObjectNode> user) {
        List<String> used = user.stream().flatMap(m -> LinuxOptions.texts(m.path("options")).stream())
                .filter(PROPAGATIONS::contains).toList();
        if (used.contains("shared") || used.contains("rshared")) {
            return java.util.Optional.of("shared");
        }
        if (used.contains("slave") || used.contains("rslave")) {
            return java.util.Optional.of("rslave");
        }
        return java.util.Optional.empty();
    }

    private static void setShmSize(ObjectNode shm, long bytes) {
        List<String> options = new ArrayList<>(LinuxOptions.texts(shm.path("options")));
        options.removeIf(o -> o.startsWith("size="));
        options.add("size=" + bytes);
        DefaultSpec.strings(shm.putArray("options"), options);
    }

    /** {@code --read-only}: the rootfs and the default mounts that are not needed writable become read-only. */
    static void withReadonlyRootfs(ContainerSpec in, HostFacts host, ObjectNode spec) {
        if (!in.readonlyRootfs()) {
            return;
        }
        spec.withObjectProperty("root").put("readonly", true);
        Set<String> user = destinations(userMounts(in));
        for (JsonNode m : spec.withArrayProperty("mounts")) {
            String destination = m.path("destination").asText();
            List<String> options = LinuxOptions.texts(m.path("options"));
            if (!WRITABLE_ON_READONLY_ROOT.contains(destination) && !user.contains(destination) && !options.contains("ro")) {
                ((ArrayNode) m.path("options")).add("ro");
            }
        }
    }

    /** {@code --privileged}: /sys writable and nothing masked, for containers that manage the host on purpose. */
    static void withPrivileged(ContainerSpec in, HostFacts host, ObjectNode spec) {
        if (!in.privileged()) {
            return;
        }
        clearReadOnly(spec, m -> m.path("destination").asText().equals("/sys"));
        clearSystemPaths(spec);
    }

    /** {@code --security-opt systempaths=unconfined}: the masked and read-only paths are lifted. */
    static void withSystemPaths(ContainerSpec in, HostFacts host, ObjectNode spec) {
        if (SecurityOptions.parse(in.securityOpt()).systemPaths()) {
            clearSystemPaths(spec);
        }
    }

    /** The cgroup tree is writable when privileged, asked for, or in a user namespace (it cannot be remounted there). */
    static void withCgroupMount(ContainerSpec in, HostFacts host, ObjectNode spec) {
        boolean userns = !in.userNamespace().isIdentity();
        if (in.privileged() || userns || SecurityOptions.parse(in.securityOpt()).writableCgroups()) {
            clearReadOnly(spec, m -> m.path("type").asText().equals("cgroup"));
        }
    }

    private static void clearSystemPaths(ObjectNode spec) {
        ObjectNode linux = spec.withObjectProperty("linux");
        linux.remove("maskedPaths");
        linux.remove("readonlyPaths");
    }

    private static void clearReadOnly(ObjectNode spec, java.util.function.Predicate<JsonNode> which) {
        for (JsonNode m : spec.withArrayProperty("mounts")) {
            if (which.test(m)) {
                List<String> options = LinuxOptions.texts(m.path("options"));
                options.removeIf("ro"::equals);
                DefaultSpec.strings(((ObjectNode) m).putArray("options"), options);
            }
        }
    }

    private static Set<String> destinations(List<ObjectNode> mounts) {
        return mounts.stream().map(m -> m.path("destination").asText()).collect(Collectors.toSet());
    }

    private static int depth(String destination) {
        return java.nio.file.Path.of(destination).normalize().getNameCount();
    }
}
