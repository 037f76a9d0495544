package dev.berth.daemon.container;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One object of Docker's stats stream: the current sample and the one before it (which the CLI
 * subtracts for CPU %), with the host's CPU time at both moments.
 *
 * @param previous empty for the first object of a stream or a one-shot answer: {@code precpu_stats} is then zero
 */
public record StatsReport(String name, String id, Reading current, Optional<Reading> previous, long machineMemory,
                          Map<String, Map<String, Long>> networks) {

    /** A cgroup sample with when it was taken and the host's CPU time then. */
    public record Reading(Instant at, CgroupSample sample, HostCpu host) {
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", current.at().toString());
        m.put("preread", previous.map(p -> p.at().toString()).orElse("0001-01-01T00:00:00Z"));
        CgroupSample s = current.sample();
        Map<String, Object> pids = new LinkedHashMap<>();
        pids.put("current", s.pidsCurrent());
        if (s.pidsLimit() > 0) {
            pids.put("limit", s.pidsLimit());
        }
        m.put("pids_stats", pids);
        m.put("blkio_stats", blkio(s));
        m.put("num_procs", 0);
        m.put("storage_stats", Map.of());
        m.put("cpu_stats", cpu(Optional.of(current)));
        m.put("precpu_stats", cpu(previous));
        m.put("memory_stats", memory(s.memory()));
        m.put("name", name);
        m.put("id", id);
        if (!networks.isEmpty()) {
            m.put("networks", networks);
        }
        return m;
    }

    /** dockerd's answer for a container that is not running: only its name and ID, every counter zero. */
    public static Map<String, Object> empty(String name, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", "0001-01-01T00:00:00Z");
        m.put("preread", "0001-01-01T00:00:00Z");
        m.put("pids_stats", Map.of());
        m.put("blkio_stats", blkioEmpty(false));
        m.put("num_procs", 0);
        m.put("storage_stats", Map.of());
        m.put("cpu_stats", cpu(Optional.empty()));
        m.put("precpu_stats", cpu(Optional.empty()));
        m.put("memory_stats", Map.of());
        m.put("name", name);
        m.put("id", id);
        return m;
    }

    private static Map<String, Object> cpu(Optional<Reading> r) {
        Map<String, Object> usage = new LinkedHashMap<>();
        CgroupSample.Cpu c = r.map(x -> x.sample().cpu()).orElse(null);
        usage.put("total_usage", c == null ? 0 : c.totalUsage());
        if (c != null && !c.perCpu().isEmpty()) {
            usage.put("percpu_usage", c.perCpu());
        }
        usage.put("usage_in_kernelmode", c == null ? 0 : c.kernelMode());
        usage.put("usage_in_usermode", c == null ? 0 : c.userMode());
        Map<String, Object> throttling = new LinkedHashMap<>();
        throttling.put("periods", c == null ? 0 : c.periods());
        throttling.put("throttled_periods", c == null ? 0 : c.throttledPeriods());
        throttling.put("throttled_time", c == null ? 0 : c.throttledTime());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpu_usage", usage);
        if (r.isPresent()) {
            out.put("system_cpu_usage", r.get().host().systemNanos());
            out.put("online_cpus", r.get().host().onlineCpus());
        }
        out.put("throttling_data", throttling);
        return out;
    }

    private Map<String, Object> memory(CgroupSample.Memory mem) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("usage", mem.usage());
        if (mem.maxUsage() > 0) {
            out.put("max_usage", mem.maxUsage());
        }
        out.put("stats", new java.util.TreeMap<>(mem.stats()));
        if (mem.failcnt() > 0) {
            out.put("failcnt", mem.failcnt());
        }
        // no limit (or one above the machine's memory) shows as the machine's memory, as dockerd does
        long limit = mem.limit();
        out.put("limit", (limit <= 0 || limit > machineMemory) && machineMemory > 0 ? machineMemory : limit);
        return out;
    }

    private static Map<String, Object> blkio(CgroupSample s) {
        Map<String, Object> out = blkioEmpty(s.v2());
        out.put("io_service_bytes_recursive", entries(s.ioServiceBytes()));
        if (!s.v2()) {
            out.put("io_serviced_recursive", entries(s.ioServiced()));
        }
        return out;
    }

    /** v1 shows every list (empty), v2 only the bytes and null for the counters it does not have. */
    private static Map<String, Object> blkioEmpty(boolean v2) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("io_service_bytes_recursive", "io_serviced_recursive", "io_queue_recursive",
                "io_service_time_recursive", "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive",
                "sectors_recursive")) {
            out.put(k, v2 ? null : List.of());
        }
        return out;
    }

    private static List<Map<String, Object>> entries(List<CgroupSample.BlkioEntry> list) {
        return list.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("major", e.major());
            m.put("minor", e.minor());
            m.put("op", e.op());
            m.put("value", e.value());
            return m;
        }).toList();
    }
}
