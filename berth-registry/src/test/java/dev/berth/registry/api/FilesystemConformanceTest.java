package dev.berth.registry.api;

import dev.berth.registry.TestRegistry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FilesystemConformanceTest extends ConformanceSuite {

    @TempDir
    Path root;

    @Override
    protected TestRegistry start() throws IOException {
        return TestRegistry.start(TestRegistry.INMEMORY.replace("inmemory: {}",
                "filesystem:\n    rootdirectory: " + root));
    }
}
