package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.runtime.spec.ContainerSpec.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateFlagsTest {
    @Test
    void passes_only_the_limits_that_are_set() {
        Resources r = new Resources(64L << 20, -1, 0, 512, 0, 0, 0, "0-1", "", 100, 0);
        assertEquals(List.of("--memory=67108864", "--memory-swap=-1", "--cpu-share=512", "--cpuset-cpus=0-1",
                "--pids-limit=100"), UpdateFlags.of(r));
    }

    @Test
    void turns_nano_cpus_into_a_quota_over_a_100ms_period() {
        Resources r = new Resources(0, 0, 0, 0, 0, 0, 1_500_000_000L, "", "", 0, 0);
        assertEquals(List.of("--cpu-period=100000", "--cpu-quota=150000"), UpdateFlags.of(r));
    }

    @Test
    void gives_no_flags_for_no_limits() {
        assertEquals(List.of(), UpdateFlags.of(Resources.none()));
    }
}
