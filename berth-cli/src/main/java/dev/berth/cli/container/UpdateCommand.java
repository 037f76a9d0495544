package dev.berth.cli.container;

import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth update}: {@code POST /containers/X/update} with docker's resources body, for each container. */
@Command(name = "update", customSynopsis = "berth update [OPTIONS] CONTAINER [CONTAINER...]",
        description = "Update configuration of one or more containers")
public final class UpdateCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--blkio-weight", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable") Integer blkioWeight;
    @Option(names = "--cpu-period", description = "Limit CPU CFS (Completely Fair Scheduler) period") Long cpuPeriod;
    @Option(names = "--cpu-quota", description = "Limit CPU CFS (Completely Fair Scheduler) quota") Long cpuQuota;
    @Option(names = {"-c", "--cpu-shares"}, description = "CPU shares (relative weight)") Long cpuShares;
    @Option(names = "--cpus", description = "Number of CPUs") String cpus;
    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)") String cpusetCpus;
    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)") String cpusetMems;
    @Option(names = {"-m", "--memory"}, description = "Memory limit") String memory;
    @Option(names = "--memory-reservation", description = "Memory soft limit") String memoryReservation;
    @Option(names = "--memory-swap", description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap") String memorySwap;
    @Option(names = "--pids-limit", description = "Tune container pids limit (set -1 for unlimited)") Long pidsLimit;
    @Option(names = "--restart", description = "Restart policy to apply when a container exits") String restart;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public UpdateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        if (spec.commandLine().getParseResult().matchedOptions().stream().allMatch(o -> o.longestName().equals("--help"))) {
            throw new StatusError(1, "you must provide one or more flags when using this command");
        }
        Map<String, Object> body;
        try {
            body = body();
        } catch (InvalidFlag e) {
            throw UsageErrors.flag(spec, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new StatusError(1, e.getMessage());
        }
        return ContainerBatch.apply(session, containers, name -> session.client().post("/containers/" + name + "/update", body).close());
    }

    /** The body of update.log: Go's Resources with null for unset pointers, then the restart policy. */
    Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("CpuShares", orZero(cpuShares));
        b.put("Memory", memory == null ? 0L : CreateBody.size("-m, --memory", memory));
        b.put("NanoCpus", cpus == null ? 0L : nanoCpus(cpus));
        b.put("CgroupParent", "");
        b.put("BlkioWeight", blkioWeight == null ? 0 : blkioWeight);
        for (String field : List.of("BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps")) {
            b.put(field, null);
        }
        b.put("CpuPeriod", orZero(cpuPeriod));
        b.put("CpuQuota", orZero(cpuQuota));
        b.put("CpuRealtimePeriod", 0);
        b.put("CpuRealtimeRuntime", 0);
        b.put("CpusetCpus", cpusetCpus == null ? "" : cpusetCpus);
        b.put("CpusetMems", cpusetMems == null ? "" : cpusetMems);
        b.put("Devices", null);
        b.put("DeviceCgroupRules", null);
        b.put("DeviceRequests", null);
        b.put("MemoryReservation", memoryReservation == null ? 0L : CreateBody.size("--memory-reservation", memoryReservation));
        b.put("MemorySwap", memorySwap == null ? 0L : memorySwap.equals("-1") ? -1L : CreateBody.size("--memory-swap", memorySwap));
        b.put("MemorySwappiness", null);
        b.put("OomKillDisable", null);
        b.put("PidsLimit", pidsLimit);
        b.put("Ulimits", null);
        b.put("CpuCount", 0);
        b.put("CpuPercent", 0);
        b.put("IOMaximumIOps", 0);
        b.put("IOMaximumBandwidth", 0);
        b.put("RestartPolicy", restartPolicy());
        return b;
    }

    private Map<String, Object> restartPolicy() {
        Map<String, Object> policy = new LinkedHashMap<>();
        String[] parts = restart == null ? new String[] {""} : restart.split(":", 2);
        policy.put("Name", parts[0]);
        try {
            policy.put("MaximumRetryCount", parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
        }
        return policy;
    }

    private static long nanoCpus(String value) {
        try {
            return NanoCpus.parse(value).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidFlag("--cpus", value, e.getMessage());
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
