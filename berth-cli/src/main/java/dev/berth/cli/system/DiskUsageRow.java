package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.HumanSize;
import dev.berth.cli.format.TemplateObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of {@code berth system df}: a kind of object, how many there are and in use, and their sizes. */
public record DiskUsageRow(String type, long total, long active, long size, long reclaimable, boolean percent)
        implements TemplateObject {
    static final Map<String, String> HEADERS = Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE",
            "Size", "SIZE", "Reclaimable", "RECLAIMABLE");

    /** The four rows docker derives from {@code GET /system/df}. */
    static java.util.List<DiskUsageRow> of(JsonNode df) {
        return java.util.List.of(images(df), containers(df), volumes(df), buildCache(df));
    }

    static DiskUsageRow images(JsonNode df) {
        long total = df.path("LayersSize").asLong();
        long active = 0;
        long used = 0;
        for (JsonNode image : df.path("Images")) {
            if (image.path("Containers").asLong() > 0) {
                active++;
                long size = image.path("Size").asLong();
                long shared = image.path("SharedSize").asLong();
                if (size != -1 && shared != -1) {
                    used += size - shared;
                }
            }
        }
        return new DiskUsageRow("Images", df.path("Images").size(), active, total, total - used, true);
    }

    static DiskUsageRow containers(JsonNode df) {
        long active = 0;
        long size = 0;
        long reclaimable = 0;
        for (JsonNode c : df.path("Containers")) {
            boolean running = c.path("State").asText().equals("running") || c.path("State").asText().equals("paused");
            long rw = Math.max(c.path("SizeRw").asLong(), 0);
            active += running ? 1 : 0;
            size += rw;
            reclaimable += running ? 0 : rw;
        }
        return new DiskUsageRow("Containers", df.path("Containers").size(), active, size, reclaimable, true);
    }

    static DiskUsageRow volumes(JsonNode df) {
        long active = 0;
        long size = 0;
        long reclaimable = 0;
        for (JsonNode v : df.path("Volumes")) {
            long refs = v.path("UsageData").path("RefCount").asLong();
            long bytes = Math.max(v.path("UsageData").path("Size").asLong(), 0);
            active += refs > 0 ? 1 : 0;
            size += bytes;
            reclaimable += refs > 0 ? 0 : bytes;
        }
        return new DiskUsageRow("Local Volumes", df.path("Volumes").size(), active, size, reclaimable, true);
    }

    static DiskUsageRow buildCache(JsonNode df) {
        long active = 0;
        long size = 0;
        long reclaimable = 0;
        for (JsonNode b : df.path("BuildCache")) {
            boolean inUse = b.path("InUse").asBoolean();
            if (!b.path("Shared").asBoolean()) {
                size += b.path("Size").asLong();
                reclaimable += inUse ? 0 : b.path("Size").asLong();
            }
            active += inUse ? 1 : 0;
        }
        return new DiskUsageRow("Build Cache", df.path("BuildCache").size(), active, size, reclaimable, false);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Type", type);
        fields.put("TotalCount", Long.toString(total));
        fields.put("Active", Long.toString(active));
        fields.put("Size", HumanSize.decimal(size));
        String free = HumanSize.decimal(reclaimable);
        fields.put("Reclaimable", percent && size > 0 ? free + " (" + (reclaimable * 100 / size) + "%)" : free);
        return fields;
    }

    @Override
    public String typeName() {
        return "*formatter.diskUsageContext";
    }
}
