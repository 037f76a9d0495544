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
