package dev.berth.runtime;

import dev.berth.runtime.spec.ContainerSpec.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runc update} / {@code crun update} flags for the limits set in a {@link Resources}; zero and
 * empty mean "leave as is", as in Docker's update API. {@code nanoCpus} becomes a CFS quota over a
 * 100 ms period, the way Docker applies {@code --cpus}.
 */
final class UpdateFlags {
    private static final long CFS_PERIOD_MICROS = 100_000;

    private UpdateFlags() {
    }

    static List<String> of(Resources r) {
        List<String> flags = new ArrayList<>();
        add(flags, "--memory", r.memory());
        add(flags, "--memory-swap", r.memorySwap());
        add(flags, "--memory-reservation", r.memoryReservation());
        add(flags, "--cpu-share", r.cpuShares());
        if (r.nanoCpus() > 0) {
            add(flags, "--cpu-period", CFS_PERIOD_MICROS);
            add(flags, "--cpu-quota", r.nanoCpus() * CFS_PERIOD_MICROS / 1_000_000_000L);
        } else {
            add(flags, "--cpu-period", r.cpuPeriod());
            add(flags, "--cpu-quota", r.cpuQuota());
        }
        if (!r.cpusetCpus().isEmpty()) {
            flags.add("--cpuset-cpus=" + r.cpusetCpus());
        }
        if (!r.cpusetMems().isEmpty()) {
            flags.add("--cpuset-mems=" + r.cpusetMems());
        }
        add(flags, "--pids-limit", r.pidsLimit());
        add(flags, "--blkio-weight", r.blkioWeight());
        return flags;
    }

    private static void add(List<String> flags, String flag, long value) {
        if (value != 0) {
            flags.add(flag + "=" + value);
        }
    }
}
