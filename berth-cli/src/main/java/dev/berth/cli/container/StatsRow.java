package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.HumanSize;
import dev.berth.cli.format.ShortText;
import dev.berth.cli.format.TemplateObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code berth stats}: a stats sample computed the way docker's CLI does (CPU % from the
 * two samples in one reply, memory without the inactive file cache, summed network and block I/O).
 */
public record StatsRow(JsonNode s, String container, boolean trunc) implements TemplateObject {
    static final String TABLE = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    static final Map<String, String> HEADERS = Map.of("ID", "CONTAINER ID", "Container", "CONTAINER", "Name", "NAME",
            "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O", "BlockIO", "BLOCK I/O",
            "PIDs", "PIDS");

    @Override
    public Map<String, Object> fields() {
        long memory = memoryUsage();
        long limit = s.path("memory_stats").path("limit").asLong();
        String id = s.path("id").asText();
        String name = s.path("name").asText();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("BlockIO", HumanSize.decimal(blkio("r"), 3) + " / " + HumanSize.decimal(blkio("w"), 3));
        f.put("CPUPerc", percent(cpuPercent()));
        f.put("Container", container);
        f.put("ID", trunc ? ShortText.id(id) : id);
        f.put("MemPerc", percent(limit == 0 ? 0 : memory * 100.0 / limit));
        f.put("MemUsage", HumanSize.binary(memory) + " / " + HumanSize.binary(limit));
        f.put("Name", name.startsWith("/") ? name.substring(1) : name);
        f.put("NetIO", HumanSize.decimal(network("rx_bytes"), 3) + " / " + HumanSize.decimal(network("tx_bytes"), 3));
        f.put("PIDs", Long.toString(s.path("pids_stats").path("current").asLong()));
        return f;
    }

    @Override
    public String typeName() {
        return "*formatter.statsContext";
    }

    double cpuPercent() {
        JsonNode cpu = s.path("cpu_stats");
        JsonNode pre = s.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble() - pre.path("cpu_usage").path("total_usage").asDouble();
        double systemDelta = cpu.path("system_cpu_usage").asDouble() - pre.path("system_cpu_usage").asDouble();
        long cpus = cpu.path("online_cpus").asLong();
        if (cpus == 0) {
            cpus = cpu.path("cpu_usage").path("percpu_usage").size();
        }
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100.0 : 0.0;
    }

    /** cgroup v1 reports total_inactive_file, v2 inactive_file; docker subtracts whichever is there. */
    long memoryUsage() {
        JsonNode memory = s.path("memory_stats");
        long usage = memory.path("usage").asLong();
        JsonNode stats = memory.path("stats");
        long inactive = stats.has("total_inactive_file") ? stats.path("total_inactive_file").asLong() : stats.path("inactive_file").asLong();
        return inactive < usage ? usage - inactive : usage;
    }

    private long network(String field) {
        long sum = 0;
        for (JsonNode net : s.path("networks")) {
            sum += net.path(field).asLong();
        }
        return sum;
    }

    private long blkio(String op) {
        long sum = 0;
        for (JsonNode entry : s.path("blkio_stats").path("io_service_bytes_recursive")) {
            if (entry.path("op").asText().toLowerCase(Locale.ROOT).startsWith(op)) {
                sum += entry.path("value").asLong();
            }
        }
        return sum;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
