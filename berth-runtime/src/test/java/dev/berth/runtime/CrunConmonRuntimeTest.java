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
}
