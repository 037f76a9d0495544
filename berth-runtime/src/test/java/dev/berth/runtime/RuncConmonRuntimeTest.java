package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

class RuncConmonRuntimeTest extends OciRuntimeContract {
    @Override
    OciRuntime runtime(Path root) throws IOException {
        return new ConmonRuntime("runc", Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"), root, List.of());
    }
}
