package dev.berth.cli.container;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --mount type=bind,source=/src,target=/dst,readonly} flag, as the {@code HostConfig.Mounts}
 * entry docker sends (empty fields left out, as Go's omitempty does).
 */
public record MountSpec(String type, String source, String target, boolean readOnly, Map<String, String> options) {

    public static MountSpec parse(String text) {
        String type = "volume";
        String source = "";
        String target = "";
        boolean readOnly = false;
        Map<String, String> options = new LinkedHashMap<>();
        for (String field : text.split(",")) {
            String[] kv = field.split("=", 2);
            String key = kv[0].strip().toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1] : null;
            switch (key) {
                case "type" -> type = value;
                case "source", "src" -> source = value;
                case "target", "destination", "dst" -> target = value;
                case "readonly", "ro" -> readOnly = value == null || value.equals("true") || value.equals("1");
                default -> {
                    if (value == null) {
                        throw new InvalidFlag("--mount", text, "invalid field '" + field + "' must be a key=value pair");
                    }
                    options.put(key, value);
                }
            }
        }
        if (target.isEmpty()) {
            throw new InvalidFlag("--mount", text, "target is required");
        }
        return new MountSpec(type, source, target, readOnly, options);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Type", type);
        if (!source.isEmpty()) {
            json.put("Source", source);
        }
        json.put("Target", target);
        if (readOnly) {
            json.put("ReadOnly", true);
        }
        if (options.containsKey("bind-propagation")) {
            json.put("BindOptions", Map.of("Propagation", options.get("bind-propagation")));
        }
        if (options.containsKey("tmpfs-size")) {
            json.put("TmpfsOptions", Map.of("SizeBytes", CreateBody.size("--mount", options.get("tmpfs-size"))));
        }
        return json;
    }
}
