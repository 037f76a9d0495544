package dev.berth.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path with its query string as Go's {@code url.Values.Encode} writes it: parameters
 * sorted by name (stable, so repeated names keep their order), values form-encoded.
 *
 * <p>Use: {@code Query.path("/images/json").flag("all", all).filters(filters).toString()} gives
 * {@code /images/json?all=1&filters=%7B…%7D}, leaving out false flags and empty values.
 */
public final class Query {
    private final String path;
    private final List<String> params = new ArrayList<>();

    private Query(String path) {
        this.path = path;
    }

    public static Query path(String path) {
        return new Query(path);
    }

    /** A parameter, written even when its value is empty. */
    public Query add(String name, String value) {
        params.add(encode(name) + "=" + encode(value));
        return this;
    }

    public Query addIfPresent(String name, String value) {
        return value == null || value.isEmpty() ? this : add(name, value);
    }

    /** docker's booleans: {@code name=1} when set, absent otherwise. */
    public Query flag(String name, boolean set) {
        return set ? add(name, "1") : this;
    }

    public Query filters(Filters filters) {
        return filters.isEmpty() ? this : add("filters", filters.toJson());
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return path;
        }
        List<String> sorted = new ArrayList<>(params);
        sorted.sort(java.util.Comparator.comparing(p -> p.substring(0, p.indexOf('='))));
        return path + "?" + String.join("&", sorted);
    }

    /** Go's url.QueryEscape: like form encoding, spaces as {@code +}. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
