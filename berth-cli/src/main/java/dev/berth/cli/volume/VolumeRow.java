package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.HumanSize;
import dev.berth.cli.format.TemplateObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One line of {@code berth volume ls} (docker's volumeContext). */
public record VolumeRow(JsonNode v) implements TemplateObject {
    static final Map<String, String> HEADERS = Map.of("Name", "VOLUME NAME", "Driver", "DRIVER", "Scope", "SCOPE",
            "Mountpoint", "MOUNTPOINT", "Labels", "LABELS", "Links", "LINKS", "Size", "SIZE", "Availability", "AVAILABILITY",
            "Group", "GROUP", "Status", "STATUS");

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Availability", "N/A");
        f.put("Driver", v.path("Driver").asText());
        f.put("Group", "N/A");
        f.put("Labels", labels());
        f.put("Links", usage("RefCount", false));
        f.put("Mountpoint", v.path("Mountpoint").asText());
        f.put("Name", v.path("Name").asText());
        f.put("Scope", v.path("Scope").asText());
        f.put("Size", usage("Size", true));
        f.put("Status", "N/A");
        return f;
    }

    private String labels() {
        List<String> pairs = new ArrayList<>();
        v.path("Labels").properties().forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", pairs.stream().sorted().toList());
    }

    private String usage(String field, boolean size) {
        JsonNode usage = v.path("UsageData");
        if (!usage.isObject() || usage.path(field).asLong(-1) == -1) {
            return "N/A";
        }
        long value = usage.path(field).asLong();
        return size ? HumanSize.decimal(value) : Long.toString(value);
    }

    @Override
    public String typeName() {
        return "*formatter.volumeContext";
    }
}
