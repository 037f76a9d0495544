package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.HumanDuration;
import dev.berth.cli.format.HumanSize;
import dev.berth.cli.format.ShortText;
import dev.berth.cli.format.TemplateObject;
import dev.berth.cli.format.TimeFormats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** One layer of {@code berth history} (docker's historyContext). */
public record HistoryRow(JsonNode item, boolean trunc, boolean human, Instant now, ZoneId zone) implements TemplateObject {
    static final Map<String, String> HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT",
            "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");
    /** Layers dated before 2000 have no meaningful time (docker prints N/A). */
    private static final long EPOCH_2000 = 946684800L;

    @Override
    public Map<String, Object> fields() {
        String id = item.path("Id").asText();
        long created = item.path("Created").asLong();
        long size = item.path("Size").asLong();
        String createdBy = item.path("CreatedBy").asText("").replace("\t", " ");
        String createdAt = TimeFormats.rfc3339(Instant.ofEpochSecond(created), zone);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ID", trunc && id.startsWith("sha256:") ? ShortText.id(id) : id);
        fields.put("CreatedAt", createdAt);
        fields.put("CreatedSince", !human ? createdAt
                : created <= EPOCH_2000 ? "N/A" : HumanDuration.ago(Instant.ofEpochSecond(created), now));
        fields.put("CreatedBy", trunc ? ShortText.ellipsis(createdBy, 45) : createdBy);
        fields.put("Size", human ? HumanSize.decimal(size, 3) : Long.toString(size));
        fields.put("Comment", item.path("Comment").asText(""));
        return fields;
    }

    @Override
    public String typeName() {
        return "*image.historyContext";
    }
}
