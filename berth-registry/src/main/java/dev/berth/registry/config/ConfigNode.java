package dev.berth.registry.config;

import dev.berth.oci.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the parsed YAML with its dotted path, read strictly: each accessor marks its key as known, and
 * {@link #finish()} fails naming the first key nobody asked for. A value of the wrong shape fails at once, naming
 * its key and what was expected.
 */
final class ConfigNode {

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> known = new HashSet<>();

    ConfigNode(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    static ConfigNode of(String path, Object value) {
        if (value == null) {
            return new ConfigNode(path, Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException("bad value for " + path + ": expected a mapping, got " + describe(value));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return new ConfigNode(path, copy);
    }

    String path() {
        return path;
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The keys present, in file order, without marking them known. */
    List<String> keys() {
        return List.copyOf(values.keySet());
    }

    Optional<Object> raw(String key) {
        known.add(key);
        return Optional.ofNullable(values.get(key));
    }

    Optional<ConfigNode> section(String key) {
        known.add(key);
        if (!values.containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(of(keyPath(key), values.get(key)));
    }

    /** The section, or an empty one when absent (so its defaults apply). */
    ConfigNode sectionOrEmpty(String key) {
        return section(key).orElseGet(() -> new ConfigNode(keyPath(key), Map.of()));
    }

    Optional<String> string(String key) {
        return raw(key).map(v -> {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw bad(key, v, "a string");
            }
            return String.valueOf(v);
        });
    }

    String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    String oneOf(String key, String fallback, String... allowed) {
        String v = string(key, fallback);
        if (!List.of(allowed).contains(v)) {
            throw bad(key, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    boolean bool(String key, boolean fallback) {
        return raw(key).map(v -> switch (v) {
            case Boolean b -> b;
            case String s when s.equalsIgnoreCase("true") -> true;
            case String s when s.equalsIgnoreCase("false") -> false;
            default -> throw bad(key, v, "true or false");
        }).orElse(fallback);
    }

    int integer(String key, int fallback) {
        return raw(key).map(v -> {
            try {
                return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).strip());
            } catch (NumberFormatException e) {
                throw bad(key, v, "an integer");
            }
        }).orElse(fallback);
    }

    /** Go's duration syntax ({@code 10s}, {@code 168h}); a bare number is nanoseconds, as in distribution. */
    Duration duration(String key, Duration fallback) {
        return raw(key).map(v -> {
            if (v instanceof Number n) {
                return Duration.ofNanos(n.longValue());
            }
            try {
                return Duration.ofNanos(GoDuration.parseNanos(String.valueOf(v).strip()));
            } catch (RuntimeException e) {
                throw bad(key, v, "a duration like 10s or 24h");
            }
        }).orElse(fallback);
    }

    List<String> strings(String key) {
        return raw(key).map(v -> {
            if (v instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            if (v instanceof Map<?, ?>) {
                throw bad(key, v, "a list of strings");
            }
            return List.of(String.valueOf(v));
        }).orElse(List.of());
    }

    List<ConfigNode> sections(String key) {
        return raw(key).map(v -> {
            if (!(v instanceof List<?> list)) {
                throw bad(key, v, "a list");
            }
            List<ConfigNode> nodes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                nodes.add(of(keyPath(key) + "[" + i + "]", list.get(i)));
            }
            return nodes;
        }).orElse(List.of());
    }

    /** A map of header names to values, each either one string or a list, like http.headers. */
    Map<String, List<String>> headers(String key) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        section(key).ifPresent(node -> {
            for (String name : node.keys()) {
                headers.put(name, node.strings(name));
            }
        });
        return headers;
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        section(key).ifPresent(node -> node.keys().forEach(k -> map.put(k, node.string(k, ""))));
        return map;
    }

    ConfigException bad(String key, Object value, String expected) {
        return new ConfigException("bad value for " + keyPath(key) + ": " + describe(value) + " (expected " + expected
                + ")");
    }

    ConfigException unsupported(String key, String why) {
        return new ConfigException(keyPath(key) + " is not supported: " + why);
    }

    /** Fails on the first key present that no accessor asked for. */
    void finish() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException("unknown key " + keyPath(key));
            }
        }
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
