package dev.berth.daemon.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a process's cgroups are on this host, found the way the kernel tells it: {@code /proc/PID/cgroup}
 * names the path per hierarchy, {@code /proc/self/mountinfo} says where each hierarchy is mounted. This
 * works for either cgroup driver and any parent. On a hybrid host (v1 controllers plus an empty v2
 * tree) the v1 controllers are used; on a pure v2 host, the one unified directory.
 *
 * @param v1 controller name ({@code memory}, {@code cpuacct}, …) → the process's directory; empty on v2
 * @param v2 the process's directory in the unified hierarchy, when the host is pure v2
 */
public record CgroupPaths(Map<String, Path> v1, Optional<Path> v2) {

    public CgroupPaths {
        v1 = Map.copyOf(v1);
    }

    public static CgroupPaths ofProcess(int pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", Integer.toString(pid), "cgroup")),
                Files.readString(Path.of("/proc/self/mountinfo")));
    }

    /** From the text of {@code /proc/PID/cgroup} and {@code /proc/self/mountinfo}. */
    static CgroupPaths parse(String procCgroup, String mountinfo) {
        Map<String, Mount> mounts = cgroupMounts(mountinfo);
        Map<String, Path> v1 = new HashMap<>();
        Optional<Path> unified = Optional.empty();
        for (String line : procCgroup.lines().toList()) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                unified = Optional.ofNullable(mounts.get("")).map(m -> m.resolve(f[2]));
                continue;
            }
            for (String controller : f[1].split(",")) {
                Mount m = mounts.get(controller);
                if (m != null) {
                    v1.put(controller, m.resolve(f[2]));
                }
            }
        }
        return new CgroupPaths(v1, v1.isEmpty() ? unified : Optional.empty());
    }

    public boolean isV2() {
        return v2.isPresent();
    }

    /** The directory for a v1 controller, or the unified one on v2. */
    public Optional<Path> dir(String controller) {
        return v2.isPresent() ? v2 : Optional.ofNullable(v1.get(controller));
    }

    /** The pids of every process in the cgroup (its {@code cgroup.procs}, from the pids or memory hierarchy on v1). */
    public Set<Integer> pids() throws IOException {
        Optional<Path> dir = dir("pids").or(() -> dir("memory")).or(() -> dir("cpuacct"));
        Set<Integer> pids = new LinkedHashSet<>();
        if (dir.isEmpty()) {
            return pids;
        }
        for (String line : Files.readAllLines(dir.get().resolve("cgroup.procs"))) {
            if (!line.isBlank()) {
                pids.add(Integer.parseInt(line.strip()));
            }
        }
        return pids;
    }

    /** A cgroup mount: the hierarchy's path {@code root} appears at {@code mountPoint}. */
    private record Mount(String root, Path mountPoint) {
        Path resolve(String cgroupPath) {
            String rel = cgroupPath;
            if (!root.equals("/") && rel.startsWith(root)) {
                rel = rel.substring(root.length());
            }
            rel = rel.startsWith("/") ? rel.substring(1) : rel;
            return rel.isEmpty() ? mountPoint : mountPoint.resolve(rel);
        }
    }

    /** Controller → mount; the unified hierarchy under the key "". */
    private static Map<String, Mount> cgroupMounts(String mountinfo) {
        Map<String, Mount> out = new HashMap<>();
        for (String line : mountinfo.lines().toList()) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            Mount m = new Mount(left[3], Path.of(left[4]));
            if (right[0].equals("cgroup2")) {
                out.putIfAbsent("", m);
            } else if (right[0].equals("cgroup")) {
                for (String opt : right[2].split(",")) {
                    out.putIfAbsent(opt, m);
                }
            }
        }
        return out;
    }
}
