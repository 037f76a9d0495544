package dev.berth.daemon.system;

import dev.berth.linux.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The daemon's stable ID, kept in the data-root so it survives restarts (Docker's engine-id). */
public final class EngineIdentity {
    public static final String VERSION = "0.1.0";
    /**
     * The engine version berthd reports in {@code version} and {@code info}: the Docker Engine
     * release whose API (1.50) it implements, marked as berth's. Clients gate features on it
     * (Testcontainers refuses servers older than 1.6.0), so berth's own 0.1.0 would lock them out;
     * berth's version stays visible in Platform.Name and the Server header.
     */
    public static final String ENGINE_VERSION = "28.2.0-berth";
    public static final String GIT_COMMIT = "berth";

    private EngineIdentity() {
    }

    public static String idOf(Path dataRoot) throws IOException {
        Path file = dataRoot.resolve("engine-id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = UUID.randomUUID().toString();
        AtomicFiles.write(file, id.getBytes(StandardCharsets.UTF_8));
        return id;
    }
}
