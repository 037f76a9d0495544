package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupStatsTest {
    @TempDir
    Path tmp;

    private Path file(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), content);
    }

    private Map<String, Path> v1Fixture() throws IOException {
        Path cpuacct = tmp.resolve("cpuacct/berth/c1");
        file(cpuacct, "cpuacct.usage", "29742772\n");
        file(cpuacct, "cpuacct.usage_percpu", "14284344 15458428 \n");
        file(cpuacct, "cpuacct.stat", "user 3\nsystem 2\n");
        Path cpu = tmp.resolve("cpu/berth/c1");
        file(cpu, "cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 123456\n");
        Path memory = tmp.resolve("memory/berth/c1");
        file(memory, "memory.usage_in_bytes", "745472\n");
        file(memory, "memory.max_usage_in_bytes", "4362240\n");
        file(memory, "memory.limit_in_bytes", "9223372036854771712\n");
        file(memory, "memory.failcnt", "0\n");
        file(memory, "memory.stat", "cache 12288\nrss 118784\ntotal_inactive_file 4096\ntotal_rss 118784\n");
        Path pids = tmp.resolve("pids/berth/c1");
        file(pids, "pids.current", "2\n");
        file(pids, "pids.max", "max\n");
        Path blkio = tmp.resolve("blkio/berth/c1");
        file(blkio, "blkio.io_service_bytes_recursive", "");
        file(blkio, "blkio.throttle.io_service_bytes_recursive",
                "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Total 12288\nTotal 12288\n");
        file(blkio, "blkio.throttle.io_serviced_recursive", "8:0 Read 1\n8:0 Write 2\nTotal 3\n");
        return Map.of("cpuacct", cpuacct, "cpu", cpu, "memory", memory, "pids", pids, "blkio", blkio);
    }

    @Test
    void reads_cgroup_v1_counters_in_dockers_units() throws IOException {
        CgroupSample s = CgroupStats.readV1(v1Fixture());
        assertEquals(new CgroupSample.Cpu(29742772, List.of(14284344L, 15458428L), 20_000_000, 30_000_000, 10, 4,
                123456), s.cpu());
        assertEquals(745472, s.memory().usage());
        assertEquals(4362240, s.memory().maxUsage());
        assertEquals(4096L, s.memory().stats().get("total_inactive_file"));
        assertEquals(2, s.pidsCurrent());
        assertEquals(0, s.pidsLimit());
        assertEquals(List.of(new CgroupSample.BlkioEntry(8, 0, "Read", 4096), new CgroupSample.BlkioEntry(8, 0, "Write", 8192),
                new CgroupSample.BlkioEntry(8, 0, "Sync", 0), new CgroupSample.BlkioEntry(8, 0, "Async", 12288),
                new CgroupSample.BlkioEntry(8, 0, "Total", 12288)), s.ioServiceBytes());
        assertEquals(List.of(new CgroupSample.BlkioEntry(8, 0, "Read", 1), new CgroupSample.BlkioEntry(8, 0, "Write", 2)),
                s.ioServiced());
    }

    @Test
    void reads_cgroup_v2_counters_in_dockers_units() throws IOException {
        Path dir = tmp.resolve("unified/berth/c1");
        file(dir, "cpu.stat", "usage_usec 5000\nuser_usec 3000\nsystem_usec 2000\nnr_periods 7\nnr_throttled 1\n"
                + "throttled_usec 40\n");
        file(dir, "memory.current", "1048576\n");
        file(dir, "memory.max", "67108864\n");
        file(dir, "memory.stat", "anon 524288\nfile 8192\ninactive_file 4096\n");
        file(dir, "memory.events", "low 0\nhigh 0\nmax 3\noom 0\noom_kill 0\n");
        file(dir, "pids.current", "3\n");
        file(dir, "pids.max", "50\n");
        file(dir, "io.stat", "8:0 rbytes=1024 wbytes=2048 rios=1 wios=2 dbytes=0 dios=0\n");
        CgroupSample s = CgroupStats.readV2(dir);
        assertEquals(new CgroupSample.Cpu(5_000_000, List.of(), 2_000_000, 3_000_000, 7, 1, 40_000), s.cpu());
        assertEquals(new CgroupSample.Memory(1048576, 0, 3, 67108864,
                Map.of("anon", 524288L, "file", 8192L, "inactive_file", 4096L)), s.memory());
        assertEquals(3, s.pidsCurrent());
        assertEquals(50, s.pidsLimit());
        assertEquals(List.of(new CgroupSample.BlkioEntry(8, 0, "read", 1024), new CgroupSample.BlkioEntry(8, 0, "write", 2048)),
                s.ioServiceBytes());
    }

    @Test
    void missing_controller_files_read_as_zero() throws IOException {
        CgroupSample s = CgroupStats.readV2(tmp.resolve("nothing-here"));
        assertEquals(0, s.cpu().totalUsage());
        assertEquals(0, s.memory().usage());
        assertEquals(List.of(), s.ioServiceBytes());
    }

    @Test
    void report_has_dockers_shape_with_precpu_and_the_machine_limit() throws IOException {
        CgroupSample now = CgroupStats.readV1(v1Fixture());
        CgroupSample before = new CgroupSample(false, new CgroupSample.Cpu(28826995, List.of(1L, 2L), 0, 0, 0, 0, 0),
                now.memory(), 2, 0, List.of(), List.of());
        StatsReport report = new StatsReport("/box", "abc",
                new StatsReport.Reading(Instant.parse("2026-11-28T04:15:05Z"), now, new HostCpu(2305530000000L, 2)),
                Optional.of(new StatsReport.Reading(Instant.parse("2026-11-28T04:15:04Z"), before,
                        new HostCpu(2303580000000L, 2))),
                25276514304L, Map.of("eth0", Map.of("rx_bytes", 1112L)));
        Map<String, Object> json = report.toJson();
        assertEquals("2026-11-28T04:15:05Z", json.get("read"));
        assertEquals("2026-11-28T04:15:04Z", json.get("preread"));
        assertEquals(Map.of("current", 2L), json.get("pids_stats"));
        Map<?, ?> cpu = (Map<?, ?>) json.get("cpu_stats");
        assertEquals(2305530000000L, cpu.get("system_cpu_usage"));
        assertEquals(2, cpu.get("online_cpus"));
        assertEquals(28826995L, ((Map<?, ?>) ((Map<?, ?>) json.get("precpu_stats")).get("cpu_usage")).get("total_usage"));
        Map<?, ?> memory = (Map<?, ?>) json.get("memory_stats");
        assertEquals(25276514304L, memory.get("limit"), "an unlimited cgroup shows the machine's memory");
        assertEquals(4362240L, memory.get("max_usage"));
        assertEquals(Map.of("eth0", Map.of("rx_bytes", 1112L)), json.get("networks"));
        assertEquals("/box", json.get("name"));
    }

    @Test
    void report_of_v2_has_no_percpu_nor_the_v1_only_blkio_lists() throws IOException {
        Path dir = tmp.resolve("v2");
        file(dir, "cpu.stat", "usage_usec 10\n");
        CgroupSample s = CgroupStats.readV2(dir);
        Map<String, Object> json = new StatsReport("/b", "id", new StatsReport.Reading(Instant.EPOCH, s,
                new HostCpu(1, 1)), Optional.empty(), 1 << 30, Map.of()).toJson();
        Map<?, ?> usage = (Map<?, ?>) ((Map<?, ?>) json.get("cpu_stats")).get("cpu_usage");
        assertEquals(false, usage.containsKey("percpu_usage"));
        assertNull(((Map<?, ?>) json.get("blkio_stats")).get("io_serviced_recursive"));
        assertEquals(false, json.containsKey("networks"));
        assertEquals("0001-01-01T00:00:00Z", json.get("preread"));
    }

    @Test
    void host_cpu_sums_the_first_seven_fields_and_counts_cpus() {
        HostCpu h = HostCpu.parse("cpu  10 1 5 100 2 0 1 7 0 0\ncpu0 5 0 2 50 1 0 0 0 0 0\ncpu1 5 1 3 50 1 0 1 7 0 0\n"
                + "intr 1\n");
        assertEquals(119L * 10_000_000, h.systemNanos());
        assertEquals(2, h.onlineCpus());
    }

    @Test
    void net_dev_gives_dockers_counters_without_loopback() {
        String netDev = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0
                  eth0:    1112      12    1    2    0     0          0         0       90       3    4    5    0     0       0          0
                """;
        assertEquals(Map.of("eth0", Map.of("rx_bytes", 1112L, "rx_packets", 12L, "rx_errors", 1L, "rx_dropped", 2L,
                "tx_bytes", 90L, "tx_packets", 3L, "tx_errors", 4L, "tx_dropped", 5L)), NetDevCounters.parse(netDev));
    }
}
