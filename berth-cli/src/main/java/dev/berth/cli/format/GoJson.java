package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact JSON as Go's encoding/json writes it for docker's {@code json} template function:
 * JSON objects keep their order (they are the daemon's structs), Java maps and
 * {@link TemplateObject}s are sorted by key (Go maps), and HTML characters are left alone because
 * docker turns {@code SetEscapeHTML} off; U+2028/U+2029 are still escaped as Go always does.
 */
final class GoJson {
    private final boolean escapeHtml;
    private final StringBuilder out = new StringBuilder();

    private GoJson(boolean escapeHtml) {
        this.escapeHtml = escapeHtml;
    }

    /** docker's {@code {{json .}}}: no HTML escaping. */
    static String encode(Object value) {
        return encode(value, false);
    }

    static String encode(Object value, boolean escapeHtml) {
        GoJson json = new GoJson(escapeHtml);
        json.write(value);
        return json.out.toString();
    }

    private void write(Object raw) {
        Object value = GoValues.normalize(raw);
        switch (value) {
            case null -> out.append("null");
            case NoValue n -> out.append("null");
            case String s -> string(s);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case BigInteger b -> out.append(b);
            case Double d -> out.append(GoFloat.json(d));
            // docker's row contexts marshal themselves with json.Marshal, which escapes <, > and &.
            case TemplateObject o -> out.append(encode(new TreeMap<>(o.fields()), true));
            case JsonNode node when node.isObject() -> orderedObject(node);
            case Object o when GoValues.isMap(o) -> object(GoValues.sortedEntries(o));
            case Object o when GoValues.isList(o) -> array(o);
            default -> string(value.toString());
        }
    }

    private void orderedObject(JsonNode node) {
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            string(field.getKey());
            out.append(':');
            write(field.getValue());
            if (fields.hasNext()) {
                out.append(',');
            }
        }
        out.append('}');
    }

    private void object(Map<String, ?> entries) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : entries.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(e.getKey());
            out.append(':');
            write(e.getValue());
        }
        out.append('}');
    }

    private void array(Object list) {
        if (list instanceof JsonNode node && node.isArray() || list instanceof java.util.List<?>) {
            out.append('[');
            boolean first = true;
            for (Object element : GoValues.elements(list)) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element);
            }
            out.append(']');
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                case '<', '>', '&' -> out.append(escapeHtml ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
