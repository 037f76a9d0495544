package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code filters} query parameter: JSON {@code {"name":{"x":true}}} (or the older
 * {@code {"name":["x"]}}), validated against the keys a route accepts, with Docker's messages.
 */
public record Filters(Map<String, List<String>> values) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Filters parse(Optional<String> json, Set<String> accepted) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (json.isEmpty() || json.get().isBlank()) {
            return new Filters(out);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json.get());
        } catch (IOException e) {
            throw new InvalidArgumentException("invalid filter: " + json.get());
        }
        if (!root.isObject()) {
            throw new InvalidArgumentException("invalid filter: " + json.get());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!accepted.contains(e.getKey())) {
                throw new InvalidArgumentException("invalid filter '" + e.getKey() + "'");
            }
            List<String> vals = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> vals.add(v.asText()));
            } else if (e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(v -> {
                    if (v.getValue().asBoolean()) {
                        vals.add(v.getKey());
                    }
                });
            }
            out.put(e.getKey(), vals);
        }
        return new Filters(out);
    }

    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    public boolean has(String key) {
        return !get(key).isEmpty();
    }

    /** True when the key is absent or any of its values satisfies the test. */
    public boolean anyMatches(String key, java.util.function.Predicate<String> test) {
        List<String> v = get(key);
        return v.isEmpty() || v.stream().anyMatch(test);
    }

    /** The value of a boolean filter such as {@code dangling}, refusing anything but true/false/1/0. */
    public Optional<Boolean> bool(String key) {
        List<String> v = get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String s = v.getLast().toLowerCase();
        return switch (s) {
            case "true", "1" -> Optional.of(true);
            case "false", "0" -> Optional.of(false);
            default -> throw new InvalidArgumentException("invalid filter '" + key + "=" + v.getLast() + "'");
        };
    }

    /** Docker's label filter: every {@code key} or {@code key=value} given must hold. */
    public boolean labelsMatch(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (String want : get("label")) {
            int eq = want.indexOf('=');
            if (eq < 0 ? !l.containsKey(want) : !want.substring(eq + 1).equals(l.get(want.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }
}
