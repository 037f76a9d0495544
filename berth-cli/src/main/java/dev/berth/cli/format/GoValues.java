package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How template values behave like Go's {@code interface{}} values: what type name errors quote,
 * which values are "true" for {@code if}, and how {@code %v} prints them. Values are kept as
 * String, Long, Double, Boolean, null, {@link NoValue}, Map, List, JsonNode containers and
 * {@link TemplateObject}; {@link #normalize} brings anything else into that set.
 */
final class GoValues {
    private GoValues() {
    }

    /** JSON scalars become Java scalars; integer kinds widen to Long, as JSON ints decode to int64 in typed docker structs. */
    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case JsonNode node when node.isContainerNode() -> node;
            case JsonNode node when node.isNull() || node.isMissingNode() -> null;
            case JsonNode node when node.isTextual() -> node.textValue();
            case JsonNode node when node.isBoolean() -> node.booleanValue();
            case JsonNode node when node.canConvertToLong() && node.isIntegralNumber() -> node.longValue();
            case JsonNode node when node.isBigInteger() -> node.bigIntegerValue();
            case JsonNode node when node.isNumber() -> node.doubleValue();
            case JsonNode node -> node.asText();
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> f.doubleValue();
            case BigDecimal d -> d.doubleValue();
            case Character c -> (long) c;
            case Enum<?> e when !(e instanceof NoValue) -> e.toString();
            default -> value;
        };
    }

    static String typeName(Object value) {
        return switch (value) {
            case null -> "interface {}";
            case NoValue n -> "<no value>";
            case String s -> "string";
            case Long l -> "int";
            case BigInteger b -> "int";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case TemplateObject o -> o.typeName();
            case JsonNode n when n.isObject() -> "map[string]interface {}";
            case JsonNode n -> "[]interface {}";
            case Map<?, ?> m -> "map[string]interface {}";
            case Collection<?> c -> "[]interface {}";
            default -> value.getClass().getSimpleName();
        };
    }

    static boolean isTrue(Object value) {
        return switch (value) {
            case null -> false;
            case NoValue n -> false;
            case String s -> !s.isEmpty();
            case Long l -> l != 0;
            case BigInteger b -> b.signum() != 0;
            case Double d -> d != 0;
            case Boolean b -> b;
            case JsonNode n -> !n.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            default -> true;
        };
    }

    static boolean isMap(Object value) {
        return value instanceof Map<?, ?> || value instanceof JsonNode n && n.isObject();
    }

    static boolean isList(Object value) {
        return value instanceof List<?> || value instanceof JsonNode n && n.isArray();
    }

    /** The entries of a map value, keys sorted like Go sorts them for printing and {@code range}. */
    static Map<String, Object> sortedEntries(Object map) {
        Map<String, Object> sorted = new TreeMap<>();
        if (map instanceof JsonNode node) {
            node.properties().forEach(e -> sorted.put(e.getKey(), normalize(e.getValue())));
        } else {
            ((Map<?, ?>) map).forEach((k, v) -> sorted.put(String.valueOf(k), normalize(v)));
        }
        return sorted;
    }

    static List<Object> elements(Object list) {
        List<Object> out = new ArrayList<>();
        if (list instanceof JsonNode node) {
            node.forEach(e -> out.add(normalize(e)));
        } else {
            ((List<?>) list).forEach(e -> out.add(normalize(e)));
        }
        return out;
    }

    /** Looks a key up in a map value; {@link NoValue} when absent, as Go's MapIndex gives. */
    static Object mapGet(Object map, String key) {
        if (map instanceof JsonNode node) {
            return node.has(key) ? normalize(node.get(key)) : NoValue.INSTANCE;
        }
        Map<?, ?> m = (Map<?, ?>) map;
        return m.containsKey(key) ? normalize(m.get(key)) : NoValue.INSTANCE;
    }

    /** Go's {@code %v}. */
    static String text(Object value) {
        return switch (value) {
            case null -> "<nil>";
            case NoValue n -> "<no value>";
            case String s -> s;
            case Double d -> GoFloat.formatG(d, -1);
            case TemplateObject o -> "&{" + o.fields().values().stream().map(v -> text(normalize(v)))
                    .collect(Collectors.joining(" ")) + "}";
            case Object o when isMap(o) -> "map[" + sortedEntries(o).entrySet().stream()
                    .map(e -> e.getKey() + ":" + text(e.getValue())).collect(Collectors.joining(" ")) + "]";
            case Object o when isList(o) -> "[" + elements(o).stream().map(GoValues::text)
                    .collect(Collectors.joining(" ")) + "]";
            default -> String.valueOf(normalize(value));
        };
    }
}
