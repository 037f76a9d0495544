package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * docker's {@code -f/--filter key=value} flags as the daemon expects them: the JSON
 * {@code {"key":{"value":true}}} with keys sorted (Go marshals maps sorted).
 *
 * <p>Use: {@code Filters.parse(List.of("dangling=true")).with("reference", "busybox").toJson()}.
 */
public record Filters(Map<String, List<String>> values) {

    public Filters {
        values = new TreeMap<>(values);
    }

    public static Filters none() {
        return new Filters(Map.of());
    }

    /** Rejects an argument without {@code =} with docker's message. */
    public static Filters parse(List<String> args) {
        return parse(args, arg -> new StatusError(125, invalid("-f, --filter", arg)));
    }

    /** As docker's FilterOpt flag does: {@code flag} is the name pflag shows ({@code "--filter"} or {@code "-f, --filter"}), and a bad value is a usage error. */
    public static Filters parse(CommandSpec spec, String flag, List<String> args) {
        return parse(args, arg -> UsageErrors.flag(spec, invalid(flag, arg)));
    }

    private static Filters parse(List<String> args, Function<String, StatusError> refusal) {
        Filters filters = none();
        for (String arg : args == null ? List.<String>of() : args) {
            if (arg.isEmpty()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw refusal.apply(arg);
            }
            filters = filters.with(arg.substring(0, eq).strip().toLowerCase(), arg.substring(eq + 1).strip());
        }
        return filters;
    }

    private static String invalid(String flag, String arg) {
        return "invalid argument \"" + arg + "\" for \"" + flag + "\" flag: bad format of filter (expected name=value)";
    }

    public Filters with(String key, String value) {
        Map<String, List<String>> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        List<String> list = copy.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(value)) {
            list.add(value);
        }
        return new Filters(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, list) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(key)).append(":{");
            list.stream().sorted().forEach(v -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                    .append(quote(v)).append(":true"));
            json.append('}');
        });
        return json.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
