package dev.berth.registry;

import dev.berth.registry.config.RegistryConfig;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's log lines on stderr, in {@code log.formatter} text, logfmt or json, with {@code log.fields} on
 * every line, and nothing below {@code log.level}.
 */
public final class RegistryLog {

    private static final List<String> LEVELS = List.of("debug", "info", "warn", "error");

    private final int threshold;
    private final String formatter;
    private final Map<String, String> fields;
    private final PrintStream out;

    public RegistryLog(RegistryConfig.Log config, PrintStream out) {
        this.threshold = LEVELS.indexOf(config.level().equals("warning") ? "warn" : config.level());
        this.formatter = config.formatter();
        this.fields = config.fields();
        this.out = out;
    }

    public void info(String message, Object... keyValues) {
        log("info", message, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log("warn", message, keyValues);
    }

    public void error(String message, Object... keyValues) {
        log("error", message, keyValues);
    }

    public void debug(String message, Object... keyValues) {
        log("debug", message, keyValues);
    }

    /** An access log line: written at any level, since access logging has its own switch. */
    public void access(String message, Object... keyValues) {
        write("info", message, keyValues);
    }

    public boolean debugEnabled() {
        return threshold <= 0;
    }

    private void log(String level, String message, Object... keyValues) {
        if (LEVELS.indexOf(level) < threshold) {
            return;
        }
        write(level, message, keyValues);
    }

    private void write(String level, String message, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("msg", message);
        line.putAll(fields);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        out.println(format(line));
    }

    private String format(Map<String, Object> line) {
        if (formatter.equals("json")) {
            try {
                return dev.berth.http.Json.mapper().writeValueAsString(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return String.valueOf(line);
            }
        }
        StringBuilder sb = new StringBuilder();
        line.forEach((k, v) -> {
            String s = String.valueOf(v);
            boolean quote = s.isEmpty() || s.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=');
            sb.append(sb.isEmpty() ? "" : " ").append(k).append('=')
                    .append(quote ? '"' + s.replace("\"", "\\\"") + '"' : s);
        });
        return sb.toString();
    }
}
