package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupPathsTest {
    private static final String HYBRID_MOUNTS = """
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            36 31 0:33 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            38 31 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            41 1 8:1 / /data rw - ext4 /dev/sda1 rw
            """;

    @Test
    void uses_the_v1_controllers_on_a_hybrid_host() {
        CgroupPaths p = CgroupPaths.parse("""
                8:pids:/berth/c1
                4:memory:/berth/c1
                2:cpuacct:/berth/c1
                1:cpu:/berth/c1
                0::/
                """, HYBRID_MOUNTS);
        assertFalse(p.isV2());
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/memory/berth/c1")), p.dir("memory"));
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/cpuacct/berth/c1")), p.dir("cpuacct"));
        assertEquals(Optional.empty(), p.dir("blkio"));
    }

    @Test
    void uses_the_unified_directory_on_a_pure_v2_host() {
        CgroupPaths p = CgroupPaths.parse("0::/berth/c1\n",
                "30 1 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
        assertTrue(p.isV2());
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/berth/c1")), p.dir("memory"));
    }

    @Test
    void strips_the_mount_root_of_a_bind_mounted_hierarchy() {
        CgroupPaths p = CgroupPaths.parse("4:memory:/outer/berth/c1\n",
                "36 31 0:33 /outer /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/memory/berth/c1")), p.dir("memory"));
    }

    @Test
    void joins_controllers_mounted_together() {
        CgroupPaths p = CgroupPaths.parse("3:cpu,cpuacct:/berth/c1\n",
                "33 31 0:30 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n");
        assertEquals(p.dir("cpu"), p.dir("cpuacct"));
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/cpu,cpuacct/berth/c1")), p.dir("cpu"));
    }
}
