package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.error.ConflictException;
import dev.berth.runtime.spec.ContainerSpec;
import java.util.List;

/**
 * {@code docker update}'s merge, with dockerd's rules: a zero or empty field leaves the stored value
 * alone, {@code PidsLimit} changes only when sent, a restart policy only when it has a name; CPU limits
 * given as NanoCpus and as period/quota must not mix across the update.
 * A sent {@code PidsLimit} of 0 or less lifts the limit.
 *
 * <pre>{@code
 * ObjectNode next = ResourceUpdate.merge(record.hostConfig(), body);   // then validate, apply, persist
 * }</pre>
 */
final class ResourceUpdate {
    private static final List<String> NUMBERS = List.of("BlkioWeight", "CpuShares", "NanoCpus", "CpuPeriod", "CpuQuota",
            "Memory", "MemorySwap", "MemoryReservation", "KernelMemory", "CpuRealtimePeriod", "CpuRealtimeRuntime");
    private static final List<String> TEXTS = List.of("CpusetCpus", "CpusetMems");

    private ResourceUpdate() {
    }

    /** The new HostConfig; the stored one is not changed. */
    static ObjectNode merge(ObjectNode stored, JsonNode update) {
        HostConfigView old = HostConfigView.of(stored);
        HostConfigView req = HostConfigView.of(update);
        checkCpuConflicts(old, req);
        if (req.number("Memory") > 0 && req.number("MemorySwap") == 0 && old.number("MemorySwap") > 0
                && req.number("Memory") > old.number("MemorySwap")) {
            throw new ConflictException("Memory limit should be smaller than already set memoryswap limit, "
                    + "update the memoryswap at the same time");
        }
        ObjectNode next = stored.deepCopy();
        for (String f : NUMBERS) {
            if (req.number(f) != 0) {
                next.put(f, req.number(f));
            }
        }
        for (String f : TEXTS) {
            if (!req.text(f).isEmpty()) {
                next.put(f, req.text(f));
            }
        }
        JsonNode pids = update.get("PidsLimit");
        if (pids != null && !pids.isNull()) {
            // 0 and -1 both mean unlimited, stored as 0 as dockerd normalises it
            next.put("PidsLimit", Math.max(0, pids.asLong()));
        }
        String policy = update.path("RestartPolicy").path("Name").asText("");
        if (!policy.isEmpty()) {
            if (!policy.equals("no") && old.autoRemove()) {
                throw new ConflictException("Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            next.set("RestartPolicy", update.get("RestartPolicy").deepCopy());
        }
        return next;
    }

    /** The limits to give the runtime: the merged ones, with a lifted pids limit spelled as the runtime's -1. */
    static ContainerSpec.Resources runtimeResources(ObjectNode merged, JsonNode update) {
        ContainerSpec.Resources r = ContainerSpecs.resources(HostConfigView.of(merged));
        JsonNode pids = update.get("PidsLimit");
        if (pids == null || pids.isNull() || pids.asLong() > 0) {
            return r;
        }
        return new ContainerSpec.Resources(r.memory(), r.memorySwap(), r.memoryReservation(), r.cpuShares(),
                r.cpuPeriod(), r.cpuQuota(), r.nanoCpus(), r.cpusetCpus(), r.cpusetMems(), -1, r.blkioWeight());
    }

    /** NanoCpus rewrites period and quota, so once one style is set the other cannot be added. */
    private static void checkCpuConflicts(HostConfigView old, HostConfigView req) {
        if (req.number("NanoCpus") > 0 && old.number("CpuPeriod") > 0) {
            throw new ConflictException("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        }
        if (req.number("NanoCpus") > 0 && old.number("CpuQuota") > 0) {
            throw new ConflictException("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        }
        if (req.number("CpuPeriod") > 0 && old.number("NanoCpus") > 0) {
            throw new ConflictException("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (req.number("CpuQuota") > 0 && old.number("NanoCpus") > 0) {
            throw new ConflictException("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
    }
}
