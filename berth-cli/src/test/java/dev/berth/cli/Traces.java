package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reply bodies captured in the reference docker traces, found by what their line starts with. */
public final class Traces {
    private static final Path DIR = Path.of("/work/shared/reference/docker-traces");

    private Traces() {
    }

    /** The n-th (0-based) line of {@code trace}.log that starts with {@code prefix}, as JSON. */
    public static JsonNode json(String trace, String prefix, int n) {
        try {
            List<String> lines = Files.readAllLines(DIR.resolve(trace + ".log")).stream()
                    .filter(l -> l.startsWith(prefix)).toList();
            String line = lines.get(n);
            return Json.mapper().readTree(line.endsWith("\\n") ? line.substring(0, line.length() - 2) : line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
