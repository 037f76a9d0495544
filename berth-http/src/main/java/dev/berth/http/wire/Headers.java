package dev.berth.http.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** HTTP header fields in arrival order, looked up case-insensitively. */
public final class Headers {

    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    public Headers add(String name, String value) {
        fields.add(Map.entry(name, value));
        return this;
    }

    /** Replaces every field of that name by one. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public void remove(String name) {
        fields.removeIf(e -> e.getKey().equalsIgnoreCase(name));
    }

    public Optional<String> first(String name) {
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(name)) {
                values.add(e.getValue());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** True when a comma-separated field such as {@code Connection} lists {@code token} (case-insensitive). */
    public boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    public void forEach(BiConsumer<String, String> action) {
        fields.forEach(e -> action.accept(e.getKey(), e.getValue()));
    }

    public int size() {
        return fields.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        fields.forEach(e -> sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        return sb.toString();
    }
}
