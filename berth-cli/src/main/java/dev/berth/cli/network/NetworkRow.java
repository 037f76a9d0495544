package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.TemplateObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One line of {@code berth network ls} (docker's networkContext); IDs are cut to 12 characters unless {@code --no-trunc}. */
public record NetworkRow(JsonNode n, boolean trunc) implements TemplateObject {
    static final Map<String, String> HEADERS = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER", "Scope", "SCOPE",
            "IPv4", "IPV4", "IPv6", "IPV6", "Internal", "INTERNAL", "Labels", "LABELS", "CreatedAt", "CREATED AT");

    public String name() {
        return n.path("Name").asText();
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("CreatedAt", createdAt(n.path("Created").asText()));
        f.put("Driver", n.path("Driver").asText());
        f.put("ID", trunc ? truncate(n.path("Id").asText()) : n.path("Id").asText());
        f.put("IPv4", Boolean.toString(n.path("EnableIPv4").asBoolean(false)));
        f.put("IPv6", Boolean.toString(n.path("EnableIPv6").asBoolean(false)));
        f.put("Internal", Boolean.toString(n.path("Internal").asBoolean(false)));
        f.put("Labels", labels());
        f.put("Name", name());
        f.put("Scope", n.path("Scope").asText());
        return f;
    }

    /** docker's stringid.TruncateID: drop an algorithm prefix, keep 12 characters. */
    static String truncate(String id) {
        String bare = id.substring(id.indexOf(':') + 1);
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }

    /** Go's {@code time.Time.String()} of the decoded Created: {@code 2026-11-28 07:23:23.59532697 +0000 UTC}. */
    static String createdAt(String rfc3339) {
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return "0001-01-01 00:00:00 +0000 UTC";
        }
        StringBuilder out = new StringBuilder(t.toLocalDateTime().toLocalDate().toString()).append(' ')
                .append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        if (t.getNano() != 0) {
            out.append('.').append(String.format("%09d", t.getNano()).replaceAll("0+$", ""));
        }
        int seconds = t.getOffset().getTotalSeconds();
        String offset = String.format("%s%02d%02d", seconds < 0 ? "-" : "+", Math.abs(seconds) / 3600, Math.abs(seconds) / 60 % 60);
        // Go names the zone UTC for "Z"; any other offset gets a fabricated zone named after the offset itself.
        return out.append(' ').append(offset).append(' ').append(rfc3339.endsWith("Z") ? "UTC" : offset).toString();
    }

    private String labels() {
        List<String> pairs = new ArrayList<>();
        n.path("Labels").properties().forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", pairs.stream().sorted().toList());
    }

    @Override
    public String typeName() {
        return "*network.networkContext";
    }
}
