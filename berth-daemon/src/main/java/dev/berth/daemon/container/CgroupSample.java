package dev.berth.daemon.container;

import java.util.List;
import java.util.Map;

/**
 * One reading of a container's cgroup counters, in Docker's units (nanoseconds, bytes), whichever
 * cgroup version they came from. {@code perCpu} is empty and {@code memMaxUsage} zero on cgroup v2,
 * which has no such counters; a limit of {@code 0} means none.
 */
public record CgroupSample(boolean v2, Cpu cpu, Memory memory, long pidsCurrent, long pidsLimit,
                           List<BlkioEntry> ioServiceBytes, List<BlkioEntry> ioServiced) {

    public CgroupSample {
        ioServiceBytes = List.copyOf(ioServiceBytes);
        ioServiced = List.copyOf(ioServiced);
    }

    public record Cpu(long totalUsage, List<Long> perCpu, long kernelMode, long userMode, long periods,
                      long throttledPeriods, long throttledTime) {
        public Cpu {
            perCpu = List.copyOf(perCpu);
        }
    }

    /** @param stats the cgroup's {@code memory.stat} as it stands (v1 names with {@code total_…}, v2 names without) */
    public record Memory(long usage, long maxUsage, long failcnt, long limit, Map<String, Long> stats) {
        public Memory {
            stats = Map.copyOf(stats);
        }
    }

    /** A line of the block I/O counters: device and operation ({@code Read}, {@code Write}… on v1, {@code read}/{@code write} on v2). */
    public record BlkioEntry(long major, long minor, String op, long value) {
    }
}
