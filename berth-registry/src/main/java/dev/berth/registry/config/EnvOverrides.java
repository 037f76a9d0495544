package dev.berth.registry.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * distribution's environment overrides: {@code REGISTRY_HTTP_ADDR=:5001} sets {@code http.addr}, and so on down
 * any path; the value is read as YAML, so {@code REGISTRY_STORAGE_DELETE_ENABLED=true} is a boolean. Keys match
 * the file's case-insensitively. {@code REGISTRY_STORAGE=NAME} keeps only that storage driver, so an environment
 * can switch the driver the file chose. Variables are applied shortest path first, then by name.
 */
final class EnvOverrides {

    private static final String PREFIX = "REGISTRY_";

    private EnvOverrides() {
    }

    static Map<String, Object> apply(ConfigNode root, Map<String, String> env) {
        Map<String, Object> tree = deepCopy(root);
        Map<String, String> sorted = new TreeMap<>((a, b) -> a.split("_").length != b.split("_").length
                ? Integer.compare(a.split("_").length, b.split("_").length) : a.compareTo(b));
        env.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && k.length() > PREFIX.length()) {
                sorted.put(k, v);
            }
        });
        sorted.forEach((name, value) -> set(tree, name, value));
        return tree;
    }

    private static void set(Map<String, Object> tree, String variable, String value) {
        String[] parts = variable.substring(PREFIX.length()).split("_");
        Object parsed = parseValue(value);
        if (parts.length == 1 && parts[0].equals("STORAGE") && parsed instanceof String driver) {
            chooseDriver(tree, driver);
            return;
        }
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            String key = matchingKey(node, parts[i]);
            Object child = node.get(key);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) child;
            node = next;
        }
        node.put(matchingKey(node, parts[parts.length - 1]), parsed);
    }

    @SuppressWarnings("unchecked")
    private static void chooseDriver(Map<String, Object> tree, String driver) {
        Object storage = tree.computeIfAbsent("storage", k -> new LinkedHashMap<String, Object>());
        if (storage instanceof Map<?, ?> map) {
            Map<String, Object> s = (Map<String, Object>) map;
            s.keySet().removeIf(k -> !k.equals(driver) && !java.util.List.of("delete", "cache", "maintenance",
                    "redirect", "tag").contains(k));
            s.putIfAbsent(driver, new LinkedHashMap<String, Object>());
        }
    }

    private static String matchingKey(Map<String, Object> node, String part) {
        for (String key : node.keySet()) {
            if (key.equalsIgnoreCase(part)) {
                return key;
            }
        }
        return part.toLowerCase(java.util.Locale.ROOT);
    }

    private static Object parseValue(String value) {
        try {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(value);
            return parsed == null ? value : parsed;
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static Map<String, Object> deepCopy(ConfigNode root) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String key : root.keys()) {
            copy.put(key, copyValue(root.raw(key).orElse(null)));
        }
        return copy;
    }

    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, val) -> copy.put(String.valueOf(k), copyValue(val)));
            return copy;
        }
        return v;
    }
}
