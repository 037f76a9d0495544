package dev.berth.daemon.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads daemon.json into its top-level keys, in file order; says nothing yet about what they mean. */
final class ConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigFile() {
    }

    /** The file's keys, or empty when there is no such file. */
    static Optional<Map<String, JsonNode>> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("unable to read " + file + ": " + e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a BOM from Windows editors, which dockerd tolerates too
        }
        if (text.isBlank()) {
            return Optional.of(Map.of());
        }
        return Optional.of(parse(file, text));
    }

    private static Map<String, JsonNode> parse(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("invalid JSON in " + file + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("invalid configuration file " + file + ": expected a JSON object");
        }
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        root.properties().forEach(entry -> keys.put(entry.getKey(), entry.getValue()));
        return keys;
    }
}
