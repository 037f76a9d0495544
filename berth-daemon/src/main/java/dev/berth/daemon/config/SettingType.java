package dev.berth.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How one setting's value is read, from the command line and from daemon.json. Parsers throw
 * {@link IllegalArgumentException} with the reason only; {@link DaemonConfigLoader} adds the key,
 * the value and where it came from.
 */
interface SettingType<T> {
    /** The flag's value: one string per occurrence on the command line (never empty). */
    T fromFlag(List<String> occurrences);

    T fromJson(JsonNode node);

    /** Whether the flag may be given many times (its values accumulate). */
    default boolean repeatable() {
        return false;
    }

    /** Whether the flag is a switch: {@code --icc} means true, {@code --icc=false} turns it off. */
    default boolean isSwitch() {
        return false;
    }

    static SettingType<String> string(Function<String, String> check) {
        return scalar(check);
    }

    static <T> SettingType<T> scalar(Function<String, T> parse) {
        return new SettingType<>() {
            @Override
            public T fromFlag(List<String> occurrences) {
                return parse.apply(occurrences.getLast());
            }

            @Override
            public T fromJson(JsonNode node) {
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("expected a string");
                }
                return parse.apply(node.textValue());
            }
        };
    }

    static SettingType<Boolean> bool() {
        return new SettingType<>() {
            @Override
            public Boolean fromFlag(List<String> occurrences) {
                return switch (occurrences.getLast()) {
                    case "true", "1" -> true;
                    case "false", "0" -> false;
                    default -> throw new IllegalArgumentException("expected true or false");
                };
            }

            @Override
            public Boolean fromJson(JsonNode node) {
                if (!node.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return node.booleanValue();
            }

            @Override
            public boolean isSwitch() {
                return true;
            }
        };
    }

    /** A whole number, not below {@code min}; {@code what} words the range error like dockerd does. */
    static SettingType<Integer> integer(int min, String what) {
        Function<Long, Integer> check = value -> {
            if (value < min || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("invalid " + what + ": " + value);
            }
            return value.intValue();
        };
        return new SettingType<>() {
            @Override
            public Integer fromFlag(List<String> occurrences) {
                try {
                    return check.apply(Long.parseLong(occurrences.getLast().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a whole number");
                }
            }

            @Override
            public Integer fromJson(JsonNode node) {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new IllegalArgumentException("expected a whole number");
                }
                return check.apply(node.longValue());
            }
        };
    }

    /** A size: a number of bytes, or docker's {@code 64m} strings (in the file as well). */
    static SettingType<ByteSize> byteSize() {
        return new SettingType<>() {
            @Override
            public ByteSize fromFlag(List<String> occurrences) {
                return ByteSize.parse(occurrences.getLast());
            }

            @Override
            public ByteSize fromJson(JsonNode node) {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return new ByteSize(node.longValue());
                }
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("expected a size such as \"64m\"");
                }
                return ByteSize.parse(node.textValue());
            }
        };
    }

    static <E> SettingType<List<E>> list(Function<String, E> parse) {
        return new SettingType<>() {
            @Override
            public List<E> fromFlag(List<String> occurrences) {
                return occurrences.stream().map(parse).toList();
            }

            @Override
            public List<E> fromJson(JsonNode node) {
                if (!node.isArray()) {
                    throw new IllegalArgumentException("expected a list of strings");
                }
                List<E> values = new ArrayList<>();
                for (JsonNode element : node) {
                    if (!element.isTextual()) {
                        throw new IllegalArgumentException("expected a list of strings");
                    }
                    values.add(parse.apply(element.textValue()));
                }
                return List.copyOf(values);
            }

            @Override
            public boolean repeatable() {
                return true;
            }
        };
    }

    /** {@code --add-runtime name=path} / {@code "runtimes": {name: {"path": …, "runtimeArgs": […]}}}. */
    static SettingType<Map<String, RuntimeDefinition>> runtimes() {
        return new SettingType<>() {
            @Override
            public Map<String, RuntimeDefinition> fromFlag(List<String> occurrences) {
                Map<String, RuntimeDefinition> runtimes = new LinkedHashMap<>();
                for (String occurrence : occurrences) {
                    int eq = occurrence.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("invalid runtime argument: " + occurrence
                                + " (expected NAME=PATH)");
                    }
                    put(runtimes, occurrence.substring(0, eq), new RuntimeDefinition(occurrence.substring(eq + 1), List.of()));
                }
                return Map.copyOf(runtimes);
            }

            @Override
            public Map<String, RuntimeDefinition> fromJson(JsonNode node) {
                Map<String, RuntimeDefinition> runtimes = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : objectEntries(node, "an object of runtimes")) {
                    JsonNode spec = entry.getValue();
                    if (!spec.isObject() || !spec.path("path").isTextual()) {
                        throw new IllegalArgumentException("runtime " + entry.getKey() + ": expected {\"path\": \"…\"}");
                    }
                    List<String> args = new ArrayList<>();
                    for (JsonNode arg : spec.path("runtimeArgs")) {
                        args.add(arg.asText());
                    }
                    put(runtimes, entry.getKey(), new RuntimeDefinition(spec.get("path").textValue(), args));
                }
                return Map.copyOf(runtimes);
            }

            private void put(Map<String, RuntimeDefinition> runtimes, String name, RuntimeDefinition runtime) {
                if (name.equals(Settings.STOCK_RUNTIME)) {
                    throw new IllegalArgumentException("runtime name '" + name + "' is reserved");
                }
                if (runtimes.putIfAbsent(name, runtime) != null) {
                    throw new IllegalArgumentException("runtime name '" + name + "' is given twice");
                }
            }

            @Override
            public boolean repeatable() {
                return true;
            }
        };
    }

    /** {@code --default-ulimit nofile=1024:2048} / {@code {"nofile": {"Name": "nofile", "Soft": 1024, "Hard": 2048}}}. */
    static SettingType<Map<String, Ulimit>> ulimits() {
        return new SettingType<>() {
            @Override
            public Map<String, Ulimit> fromFlag(List<String> occurrences) {
                Map<String, Ulimit> limits = new LinkedHashMap<>();
                occurrences.stream().map(Ulimit::parse).forEach(limit -> limits.put(limit.name(), limit));
                return Map.copyOf(limits);
            }

            @Override
            public Map<String, Ulimit> fromJson(JsonNode node) {
                Map<String, Ulimit> limits = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : objectEntries(node, "an object of ulimits")) {
                    JsonNode limit = entry.getValue();
                    if (!limit.path("Soft").isIntegralNumber() || !limit.path("Hard").isIntegralNumber()) {
                        throw new IllegalArgumentException("ulimit " + entry.getKey() + ": expected {\"Soft\": n, \"Hard\": n}");
                    }
                    limits.put(entry.getKey(), new Ulimit(entry.getKey(), limit.get("Soft").longValue(), limit.get("Hard").longValue()));
                }
                return Map.copyOf(limits);
            }

            @Override
            public boolean repeatable() {
                return true;
            }
        };
    }

    /** {@code --default-address-pool base=…,size=…} / {@code [{"base": "…", "size": 24}]}. */
    static SettingType<List<AddressPool>> addressPools() {
        return new SettingType<>() {
            @Override
            public List<AddressPool> fromFlag(List<String> occurrences) {
                return occurrences.stream().map(AddressPool::parse).toList();
            }

            @Override
            public List<AddressPool> fromJson(JsonNode node) {
                if (!node.isArray()) {
                    throw new IllegalArgumentException("expected a list of {\"base\": …, \"size\": …}");
                }
                List<AddressPool> pools = new ArrayList<>();
                for (JsonNode pool : node) {
                    if (!pool.path("base").isTextual() || !pool.path("size").isIntegralNumber()) {
                        throw new IllegalArgumentException("expected a list of {\"base\": …, \"size\": …}");
                    }
                    pools.add(new AddressPool(pool.get("base").textValue(), pool.get("size").intValue()));
                }
                return List.copyOf(pools);
            }

            @Override
            public boolean repeatable() {
                return true;
            }
        };
    }

    /** daemon.json only: {@code "features": {"name": true}}. */
    static SettingType<Map<String, Boolean>> features() {
        return new SettingType<>() {
            @Override
            public Map<String, Boolean> fromFlag(List<String> occurrences) {
                throw new IllegalStateException("features has no flag");
            }

            @Override
            public Map<String, Boolean> fromJson(JsonNode node) {
                Map<String, Boolean> features = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : objectEntries(node, "an object of true/false features")) {
                    if (!entry.getValue().isBoolean()) {
                        throw new IllegalArgumentException("feature " + entry.getKey() + ": expected true or false");
                    }
                    features.put(entry.getKey(), entry.getValue().booleanValue());
                }
                return Map.copyOf(features);
            }
        };
    }

    private static Iterable<Map.Entry<String, JsonNode>> objectEntries(JsonNode node, String expected) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected " + expected);
        }
        return node.properties();
    }
}
