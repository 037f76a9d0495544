package dev.berth.daemon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting's resolved value by daemon.json key, and where the value came from. Reloads start
 * from it, and it is what a "Reloaded configuration" log line or {@code /info} can print.
 *
 * @param values     every key of {@link Settings#ALL} to its value
 * @param fromFlags  the keys given on the command line, to their value as read from the flags alone
 * @param flagTexts  the same keys, to the flags as the operator typed them (for conflict messages)
 * @param fromFile   the keys the configuration file set
 */
public record SettingValues(Map<String, Object> values, Map<String, Object> fromFlags,
                            Map<String, String> flagTexts, Set<String> fromFile) {
    public SettingValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        fromFlags = Map.copyOf(fromFlags);
        flagTexts = Map.copyOf(flagTexts);
        fromFile = Set.copyOf(fromFile);
    }

    /** The value of {@code key}; every key in the table has one. */
    public Object value(String key) {
        return Objects.requireNonNull(values.get(key), () -> "no setting " + key);
    }

    <T> T get(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T value = (T) value(setting.key());
        return value;
    }

    /** Whether the operator set {@code key} at all, as a flag or in the file. */
    public boolean isSet(String key) {
        return fromFlags.containsKey(key) || fromFile.contains(key);
    }

    <T> Optional<T> flagValue(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T value = (T) fromFlags.get(setting.key());
        return Optional.ofNullable(value);
    }
}
