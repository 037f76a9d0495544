package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** crun on this hybrid-cgroup host: create needs conmon in a mount namespace with the cgroup2 controllers masked. */
class CrunConmonRuntimeTest extends OciRuntimeContract {
    @Override
    OciRuntime runtime(Path root) throws IOException {
        return new ConmonRuntime("crun", Path.of("/usr/bin/crun"), Path.of("/usr/bin/conmon"), root, List.of());
    }

    /**
     * crun 1.8 starts a terminal exec's process before its terminal is fully set up: a program that asks at once
     * (stty's first call) fails about half the time with "stty: standard input", while one started a moment later
     * sees the terminal and its size. Seen only with crun; runc's exec and both runtimes' containers are not affected.
     */
    @Override
    String ttySizeCommand() {
        return "[\"sh\", \"-c\", \"stty size\"]";
    }
}
