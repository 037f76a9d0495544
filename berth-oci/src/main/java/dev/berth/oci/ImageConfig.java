package dev.berth.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An image configuration as Docker writes it (a superset of OCI's): the image ID is the digest of
 * its stored bytes, so configs read from elsewhere are kept as bytes and only parsed to be read.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") String variant,
        @JsonProperty("os") String os,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("config") ContainerConfig config,
        @JsonProperty("container") String container,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("container_config") ContainerConfig containerConfig,
        @JsonProperty("created") String created,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("history") List<History> history,
        @JsonProperty("rootfs") RootFs rootfs) {

    /** The layer list: diff IDs of the uncompressed layer tars, bottom first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
        public static RootFs layers(List<Digest> diffIds) {
            return new RootFs("layers", diffIds.stream().map(Digest::toString).toList());
        }
    }

    /** One step of how the image was made; empty_layer steps add no layer. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record History(
            @JsonProperty("created") String created,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("author") String author,
            @JsonProperty("comment") String comment,
            @JsonProperty("empty_layer") boolean emptyLayer) {
    }

    public List<Digest> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of()
                : rootfs.diffIds().stream().map(Digest::parse).toList();
    }

    public ContainerConfig configOrEmpty() {
        return config == null ? ContainerConfig.empty() : config;
    }

    public List<History> historyOrEmpty() {
        return history == null ? List.of() : history;
    }

    public Platform platform() {
        return Platform.of(os == null ? "linux" : os, architecture == null ? "amd64" : architecture, variant);
    }
}
