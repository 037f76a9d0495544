package dev.berth.daemon.volume;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A local volume as stored ({@code volumes/<name>/opts.json}) and, with its mountpoint, as the API shows it. */
public record VolumeRecord(
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("Anonymous") boolean anonymous) {
}
