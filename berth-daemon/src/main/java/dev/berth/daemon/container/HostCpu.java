package dev.berth.daemon.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host figures {@code docker stats} divides by: total CPU time since boot (the sum of the first
 * seven fields of {@code /proc/stat}'s {@code cpu} line, in nanoseconds, as dockerd computes
 * {@code system_cpu_usage}), the online CPUs and the machine's memory.
 */
public record HostCpu(long systemNanos, int onlineCpus) {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    public static HostCpu read() throws IOException {
        return parse(Files.readString(Path.of("/proc/stat")));
    }

    static HostCpu parse(String procStat) {
        long total = 0;
        int cpus = 0;
        for (String line : procStat.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f[0].equals("cpu")) {
                for (int i = 1; i < Math.min(f.length, 8); i++) {
                    total += Long.parseLong(f[i]);
                }
            } else if (f[0].startsWith("cpu")) {
                cpus++;
            }
        }
        return new HostCpu(total * NANOS_PER_TICK, cpus);
    }

    /** MemTotal of {@code /proc/meminfo} in bytes: the limit shown for a container that has none. */
    public static long machineMemory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.substring(9).strip().split("\\s+")[0]) * 1024;
            }
        }
        return 0;
    }
}
