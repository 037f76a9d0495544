package dev.berth.registry.api;

import dev.berth.registry.TestRegistry;
import java.io.IOException;

class InMemoryConformanceTest extends ConformanceSuite {

    @Override
    protected TestRegistry start() throws IOException {
        return TestRegistry.inMemory();
    }
}
