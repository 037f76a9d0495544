package dev.berth.registry;

import dev.berth.registry.config.ConfigLoader;
import dev.berth.registry.config.RegistryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** A registry started in-process on a free loopback port, from a config.yml text. */
public final class TestRegistry implements AutoCloseable {

    public static final String INMEMORY = """
            version: 0.1
            log:
              level: error
            storage:
              inmemory: {}
              delete:
                enabled: true
              maintenance:
                uploadpurging:
                  enabled: false
            http:
              addr: 127.0.0.1:0
            """;

    private final RegistryServer server;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private TestRegistry(RegistryConfig config) throws IOException {
        this.server = RegistryServer.start(config, new RegistryLog(config.log(), new PrintStream(log, true)));
    }

    public static TestRegistry start(String yaml) throws IOException {
        return new TestRegistry(ConfigLoader.parse(yaml, Map.of()));
    }

    public static TestRegistry inMemory() throws IOException {
        return start(INMEMORY);
    }

    public String base() throws IOException {
        return "http://127.0.0.1:" + server.apiAddress().getPort();
    }

    public int port() throws IOException {
        return server.apiAddress().getPort();
    }

    public String debugBase() throws IOException {
        return "http://127.0.0.1:" + server.debugAddress().orElseThrow().getPort();
    }

    /** Everything the registry logged so far. */
    public String logText() {
        return log.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public Registry registry() {
        return server.registry();
    }

    @Override
    public void close() {
        server.close();
    }
}
