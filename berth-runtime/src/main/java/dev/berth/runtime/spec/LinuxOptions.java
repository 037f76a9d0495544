package dev.berth.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.linux.IdMap;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The options of {@link SpecBuilder} that shape {@code linux}: namespaces, cgroups, devices, sysctls, seccomp. */
final class LinuxOptions {
    static final long CPU_PERIOD_US = 100_000;
    private static final long MIN_MEMORY = 6L << 20;

    private LinuxOptions() {
    }

    /** Docker v28's defaults for a private network namespace: ping and low ports need no capability there. */
    static void withDefaultSysctls(ContainerSpec in, HostFacts host, ObjectNode spec) {
        ObjectNode sysctl = spec.withObjectProperty("linux").withObjectProperty("sysctl");
        if (in.domainname() != null && !in.domainname().isEmpty() && isPrivate(in.namespaces().uts())) {
            sysctl.put("kernel.domainname", in.domainname());
        }
        if (!isPrivate(in.namespaces().network())) {
            return;
        }
        // A user namespace cannot map the whole gid range the ping sysctl names.
        if (in.userNamespace().isIdentity() && host.sysctls().contains(HostFacts.PING_GROUP_RANGE)) {
            sysctl.put(HostFacts.PING_GROUP_RANGE, "0 2147483647");
        }
        if (host.sysctls().contains(HostFacts.UNPRIVILEGED_PORT_START)) {
            sysctl.put(HostFacts.UNPRIVILEGED_PORT_START, "0");
        }
    }

    /** The container's own sysctls win over the defaults. */
    static void withSysctls(ContainerSpec in, HostFacts host, ObjectNode spec) {
        ObjectNode sysctl = spec.withObjectProperty("linux").withObjectProperty("sysctl");
        in.sysctls().forEach(sysctl::put);
    }

    static void withCgroupsPath(ContainerSpec in, HostFacts host, ObjectNode spec) {
        String path = in.cgroupsPath() == null || in.cgroupsPath().isBlank() ? "/berth/" + in.id() : in.cgroupsPath();
        spec.withObjectProperty("linux").put("cgroupsPath", path);
    }

    static void withResources(ContainerSpec in, HostFacts host, ObjectNode spec) {
        ContainerSpec.Resources r = in.resources();
        validate(r);
        ObjectNode resources = spec.withObjectProperty("linux").withObjectProperty("resources");
        memory(r, host).ifPresent(m -> resources.set("memory", m));
        cpu(r).ifPresent(c -> resources.set("cpu", c));
        if (r.pidsLimit() > 0) {
            resources.putObject("pids").put("limit", r.pidsLimit());
        }
        if (r.blkioWeight() > 0) {
            resources.putObject("blockIO").put("weight", r.blkioWeight());
        }
    }

    /**
     * MemorySwap is memory plus swap, as in Docker: unset with a memory limit means twice the limit, -1 means
     * unlimited; where the kernel does not account swap Docker drops the setting, and so does berth.
     */
    private static Optional<ObjectNode> memory(ContainerSpec.Resources r, HostFacts host) {
        ObjectNode memory = JsonNodeFactory.instance.objectNode();
        if (r.memory() > 0) {
            memory.put("limit", r.memory());
        }
        if (r.memoryReservation() > 0) {
            memory.put("reservation", r.memoryReservation());
        }
        long swap = r.memorySwap() == 0 && r.memory() > 0 ? 2 * r.memory() : r.memorySwap();
        if (swap != 0 && host.swapLimit()) {
            memory.put("swap", swap);
        }
        return memory.isEmpty() ? Optional.empty() : Optional.of(memory);
    }

    /** {@code --cpus}: a quota of nanoCpus per 10^9 of the 100 ms CFS period. */
    private static Optional<ObjectNode> cpu(ContainerSpec.Resources r) {
        ObjectNode cpu = JsonNodeFactory.instance.objectNode();
        if (r.cpuShares() > 0) {
            cpu.put("shares", r.cpuShares());
        }
        if (r.nanoCpus() > 0) {
            cpu.put("quota", r.nanoCpus() * CPU_PERIOD_US / 1_000_000_000L);
            cpu.put("period", CPU_PERIOD_US);
        }
        if (r.cpuQuota() != 0) {
            cpu.put("quota", r.cpuQuota());
        }
        if (r.cpuPeriod() != 0) {
            cpu.put("period", r.cpuPeriod());
        }
        if (r.cpusetCpus() != null && !r.cpusetCpus().isEmpty()) {
            cpu.put("cpus", r.cpusetCpus());
        }
        if (r.cpusetMems() != null && !r.cpusetMems().isEmpty()) {
            cpu.put("mems", r.cpusetMems());
        }
        return cpu.isEmpty() ? Optional.empty() : Optional.of(cpu);
    }

    /** Docker's checks, with its messages. */
    private static void validate(ContainerSpec.Resources r) {
        check(r.memory() == 0 || r.memory() >= MIN_MEMORY, "Minimum memory limit allowed is 6MB");
        check(r.memorySwap() <= 0 || r.memory() > 0,
                "You should always set the Memory limit when using Memoryswap limit, see usage");
        check(r.memorySwap() <= 0 || r.memorySwap() >= r.memory(),
                "Minimum memoryswap limit should be larger than memory limit, see usage");
        check(r.memory() == 0 || r.memoryReservation() <= r.memory(),
                "Minimum memory limit can not be less than memory reservation limit, see usage");
        check(r.nanoCpus() == 0 || r.cpuPeriod() == 0, "Conflicting options: Nano CPUs and CPU Period cannot both be set");
        check(r.nanoCpus() == 0 || r.cpuQuota() == 0, "Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        check(r.cpuPeriod() == 0 || (r.cpuPeriod() >= 1000 && r.cpuPeriod() <= 1_000_000),
                "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        check(r.cpuQuota() <= 0 || r.cpuQuota() >= 1000, "CPU cfs quota can not be less than 1ms (i.e. 1000)");
        check(r.blkioWeight() == 0 || (r.blkioWeight() >= 10 && r.blkioWeight() <= 1000),
                "Range of blkio weight is from 10 to 1000");
        check(r.cpuShares() >= 0, "Invalid CPU shares (" + r.cpuShares() + "): value must be a positive integer");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidArgumentException(message);
        }
    }

    /** Privileged containers see the host's devices and may use all of them; others keep the deny-first rules. */
    static void withDevices(ContainerSpec in, HostFacts host, ObjectNode spec) {
        if (!in.privileged()) {
            return;
        }
        ObjectNode linux = spec.withObjectProperty("linux");
        ArrayNode devices = linux.putArray("devices");
        for (LinuxDevice d : host.devices()) {
            devices.addObject().put("path", d.path()).put("type", d.type()).put("major", d.major())
                    .put("minor", d.minor()).put("fileMode", d.fileMode()).put("uid", d.uid()).put("gid", d.gid());
        }
        ArrayNode rules = linux.withObjectProperty("resources").putArray("devices");
        rules.addObject().put("allow", true).put("access", "rwm");
    }

    /** Private: a new namespace; host: none (the runtime's own); join: the given path. */
    static void withNamespaces(ContainerSpec in, HostFacts host, ObjectNode spec) {
        ContainerSpec.Namespaces ns = in.namespaces();
        ArrayNode list = spec.withObjectProperty("linux").putArray("namespaces");
        list.addObject().put("type", "mount");
        addNamespace(list, "network", ns.network());
        addNamespace(list, "uts", ns.uts());
        addNamespace(list, "pid", ns.pid());
        addNamespace(list, "ipc", ns.ipc());
        // On cgroup v1 Docker shares the host's cgroup namespace; on v2 each container gets its own.
        if (host.cgroupV2()) {
            list.addObject().put("type", "cgroup");
        }
    }

    private static void addNamespace(ArrayNode list, String type, ContainerSpec.Mode mode) {
        switch (mode.kind()) {
            case "private" -> list.addObject().put("type", type);
            case "host" -> {
            }
            case "join" -> list.addObject().put("type", type).put("path", mode.path()
                    .orElseThrow(() -> new InvalidArgumentException("joining a " + type + " namespace needs a path"))
                    .toString());
            default -> throw new InvalidArgumentException("invalid " + type + " namespace mode: " + mode.kind());
        }
    }

    /**
     * {@code --userns-remap}: container root is an unprivileged host id. Joining another container's namespace
     * means joining its user namespace too, or the kernel refuses.
     */
    static void withUserNamespace(ContainerSpec in, HostFacts host, ObjectNode spec) {
        IdMap ids = in.userNamespace();
        if (ids.isIdentity()) {
            return;
        }
        ObjectNode linux = spec.withObjectProperty("linux");
        ObjectNode user = linux.withArrayProperty("namespaces").addObject().put("type", "user");
        joinedPath(in.namespaces()).ifPresent(p -> user.put("path", p.resolveSibling("user").toString()));
        mappings(linux.putArray("uidMappings"), ids.uids());
        mappings(linux.putArray("gidMappings"), ids.gids());
    }

    private static void mappings(ArrayNode out, List<IdMap.Range> ranges) {
        for (IdMap.Range r : ranges) {
            out.addObject().put("containerID", r.containerId()).put("hostID", r.hostId()).put("size", r.size());
        }
    }

    /** Another container's namespace ({@code /proc/PID/ns/…}); a sandbox file made by berthd has no user namespace beside it. */
    private static Optional<Path> joinedPath(ContainerSpec.Namespaces ns) {
        return java.util.stream.Stream.of(ns.network(), ns.ipc(), ns.pid())
                .filter(m -> m.kind().equals("join"))
                .flatMap(m -> m.path().stream())
                .filter(p -> p.startsWith("/proc"))
                .findFirst();
    }

    /**
     * Seccomp blocks the syscalls that reach beyond the container (new namespaces, mounts, kernel modules, clock…)
     * unless the capability that would allow them was granted; privileged containers and
     * {@code seccomp=unconfined} run without a filter.
     */
    static void withSeccomp(ContainerSpec in, HostFacts host, ObjectNode spec) {
        ObjectNode linux = spec.withObjectProperty("linux");
        linux.remove("seccomp");
        SecurityOptions opts = SecurityOptions.parse(in.securityOpt());
        if (in.privileged() || opts.seccompUnconfined()) {
            return;
        }
        SeccompProfile profile = opts.seccomp().map(LinuxOptions::loadProfile).orElseGet(SeccompProfile::berthDefault);
        if (profile.isEmpty()) {
            return;
        }
        List<String> bounding = texts(spec.path("process").path("capabilities").path("bounding"));
        linux.set("seccomp", profile.toOci(bounding, host));
    }

    /** The API carries the profile's JSON; a path (as given to the CLI) is read here. */
    private static SeccompProfile loadProfile(String value) {
        if (value.stripLeading().startsWith("{")) {
            return SeccompProfile.parse(value);
        }
        try {
            return SeccompProfile.parse(Files.readString(Path.of(value)));
        } catch (IOException e) {
            throw new InvalidArgumentException("opening seccomp profile (" + value + ") failed: " + e.getMessage());
        }
    }

    static boolean isPrivate(ContainerSpec.Mode mode) {
        return mode.kind().equals("private");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
