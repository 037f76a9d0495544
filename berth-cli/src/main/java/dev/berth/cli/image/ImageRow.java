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

/** One line of {@code berth images}: an image summary seen through one repository:tag (docker's imageContext). */
public record ImageRow(JsonNode image, String repository, String tag, String digest, boolean trunc,
                       Instant now, ZoneId zone) implements TemplateObject {

    static final Map<String, String> HEADERS = Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG",
            "Digest", "DIGEST", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE",
            "Containers", "CONTAINERS", "SharedSize", "SHARED SIZE", "UniqueSize", "UNIQUE SIZE");

    public String id() {
        String id = image.path("Id").asText();
        return trunc ? ShortText.id(id) : id;
    }

    @Override
    public Map<String, Object> fields() {
        long created = image.path("Created").asLong();
        long size = image.path("Size").asLong();
        long shared = image.path("SharedSize").asLong(-1);
        long containers = image.path("Containers").asLong(-1);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ID", id());
        fields.put("Repository", repository);
        fields.put("Tag", tag);
        fields.put("Digest", digest);
        fields.put("CreatedSince", HumanDuration.ago(Instant.ofEpochSecond(created), now));
        fields.put("CreatedAt", TimeFormats.goString(Instant.ofEpochSecond(created), zone));
        fields.put("Size", HumanSize.decimal(size, 3));
        fields.put("VirtualSize", HumanSize.decimal(image.path("VirtualSize").asLong(size), 3));
        fields.put("Containers", containers == -1 ? "N/A" : Long.toString(containers));
        fields.put("SharedSize", shared == -1 ? "N/A" : HumanSize.decimal(shared));
        fields.put("UniqueSize", shared == -1 || size == -1 ? "N/A" : HumanSize.decimal(size - shared, 3));
        return fields;
    }

    @Override
    public String typeName() {
        return "*formatter.imageContext";
    }
}
