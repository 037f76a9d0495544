package dev.berth.daemon.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a container's counters from its cgroup files into a {@link CgroupSample}: on v1 from the
 * cpuacct, cpu, memory, pids and blkio hierarchies, on v2 from the one unified directory. A file
 * that is missing (a controller not mounted or not enabled) reads as zero, as dockerd reports it.
 */
public final class CgroupStats {
    /** USER_HZ: cpuacct.stat counts in these ticks on every Linux architecture that matters here. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private CgroupStats() {
    }

    public static CgroupSample read(CgroupPaths paths) throws IOException {
        return paths.v2().isPresent() ? readV2(paths.v2().get()) : readV1(paths.v1());
    }

    /** @param dirs controller → the container's directory in that hierarchy */
    static CgroupSample readV1(Map<String, Path> dirs) throws IOException {
        Optional<Path> cpuacct = Optional.ofNullable(dirs.get("cpuacct"));
        Optional<Path> cpu = Optional.ofNullable(dirs.get("cpu"));
        Optional<Path> mem = Optional.ofNullable(dirs.get("memory"));
        Optional<Path> pids = Optional.ofNullable(dirs.get("pids"));
        Optional<Path> blkio = Optional.ofNullable(dirs.get("blkio"));
        Map<String, Long> cpuTicks = keyed(cpuacct, "cpuacct.stat");
        Map<String, Long> cpuStat = keyed(cpu, "cpu.stat");
        CgroupSample.Cpu c = new CgroupSample.Cpu(number(cpuacct, "cpuacct.usage"), numbers(cpuacct, "cpuacct.usage_percpu"),
                cpuTicks.getOrDefault("system", 0L) * NANOS_PER_TICK, cpuTicks.getOrDefault("user", 0L) * NANOS_PER_TICK,
                cpuStat.getOrDefault("nr_periods", 0L), cpuStat.getOrDefault("nr_throttled", 0L),
                cpuStat.getOrDefault("throttled_time", 0L));
        CgroupSample.Memory m = new CgroupSample.Memory(number(mem, "memory.usage_in_bytes"),
                number(mem, "memory.max_usage_in_bytes"), number(mem, "memory.failcnt"),
                number(mem, "memory.limit_in_bytes"), keyed(mem, "memory.stat"));
        List<CgroupSample.BlkioEntry> bytes = blkioV1(blkio, "blkio.io_service_bytes_recursive");
        List<CgroupSample.BlkioEntry> ios = blkioV1(blkio, "blkio.io_serviced_recursive");
        if (bytes.isEmpty()) {
            // without the CFQ scheduler only the throttling counters are kept
            bytes = blkioV1(blkio, "blkio.throttle.io_service_bytes_recursive");
            ios = blkioV1(blkio, "blkio.throttle.io_serviced_recursive");
        }
        return new CgroupSample(false, c, m, number(pids, "pids.current"), number(pids, "pids.max"), bytes, ios);
    }

    static CgroupSample readV2(Path dir) throws IOException {
        Optional<Path> d = Optional.of(dir);
        Map<String, Long> cpuStat = keyed(d, "cpu.stat");
        CgroupSample.Cpu c = new CgroupSample.Cpu(cpuStat.getOrDefault("usage_usec", 0L) * 1000, List.of(),
                cpuStat.getOrDefault("system_usec", 0L) * 1000, cpuStat.getOrDefault("user_usec", 0L) * 1000,
                cpuStat.getOrDefault("nr_periods", 0L), cpuStat.getOrDefault("nr_throttled", 0L),
                cpuStat.getOrDefault("throttled_usec", 0L) * 1000);
        CgroupSample.Memory m = new CgroupSample.Memory(number(d, "memory.current"), 0,
                keyed(d, "memory.events").getOrDefault("max", 0L), number(d, "memory.max"), keyed(d, "memory.stat"));
        return new CgroupSample(true, c, m, number(d, "pids.current"), number(d, "pids.max"), ioV2(dir), List.of());
    }

    /** v2's {@code io.stat}: {@code MAJ:MIN rbytes=… wbytes=… rios=… wios=…}; dockerd reports the bytes as read and write. */
    private static List<CgroupSample.BlkioEntry> ioV2(Path dir) throws IOException {
        List<CgroupSample.BlkioEntry> out = new ArrayList<>();
        for (String line : lines(Optional.of(dir), "io.stat")) {
            String[] f = line.strip().split("\\s+");
            long[] dev = device(f[0]);
            Map<String, Long> kv = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq > 0) {
                    kv.put(f[i].substring(0, eq), parse(f[i].substring(eq + 1)));
                }
            }
            out.add(new CgroupSample.BlkioEntry(dev[0], dev[1], "read", kv.getOrDefault("rbytes", 0L)));
            out.add(new CgroupSample.BlkioEntry(dev[0], dev[1], "write", kv.getOrDefault("wbytes", 0L)));
        }
        return out;
    }

    /** v1's blkio files: {@code MAJ:MIN Op value} lines, then a bare {@code Total} line that is skipped. */
    private static List<CgroupSample.BlkioEntry> blkioV1(Optional<Path> dir, String file) throws IOException {
        List<CgroupSample.BlkioEntry> out = new ArrayList<>();
        for (String line : lines(dir, file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].contains(":")) {
                long[] dev = device(f[0]);
                out.add(new CgroupSample.BlkioEntry(dev[0], dev[1], f[1], parse(f[2])));
            }
        }
        return out;
    }

    private static long[] device(String majMin) {
        String[] mm = majMin.split(":");
        return new long[] {parse(mm[0]), mm.length > 1 ? parse(mm[1]) : 0};
    }

    /** A one-number file; {@code max} (no limit) and a missing file read as 0. */
    private static long number(Optional<Path> dir, String file) throws IOException {
        List<String> l = lines(dir, file);
        return l.isEmpty() ? 0 : parse(l.getFirst().strip());
    }

    private static List<Long> numbers(Optional<Path> dir, String file) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String line : lines(dir, file)) {
            for (String w : line.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(parse(w));
                }
            }
        }
        return out;
    }

    /** {@code key value} lines, as in memory.stat and cpu.stat. */
    private static Map<String, Long> keyed(Optional<Path> dir, String file) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines(dir, file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                out.put(f[0], parse(f[1]));
            }
        }
        return out;
    }

    private static long parse(String s) {
        if (s.equals("max")) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            // counters beyond a signed long (memory.limit_in_bytes' "unlimited" on some kernels) mean no limit
            return 0;
        }
    }

    private static List<String> lines(Optional<Path> dir, String file) throws IOException {
        if (dir.isEmpty()) {
            return List.of();
        }
        try {
            return Files.readAllLines(dir.get().resolve(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
