package dev.berth.daemon.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.ContainerConfig;
import java.util.List;

/**
 * What is stored of a container (as {@code <data-root>/containers/<id>/config.v2.json}, written
 * atomically on every change): its identity, configuration, host configuration as the client
 * sent it (kept whole for inspect), image and state.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerRecord(
        @JsonProperty("Id") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("HostConfig") ObjectNode hostConfig,
        @JsonProperty("Image") String imageId,
        @JsonProperty("State") ContainerState state,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Runtime") String runtime,
        @JsonProperty("HasBeenManuallyStopped") boolean manuallyStopped,
        @JsonProperty("MountPoints") List<MountPoint> mounts) {

    public ContainerRecord withState(ContainerState s) {
        return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, s, restartCount, driver,
                runtime, manuallyStopped, mounts);
    }

    public ContainerRecord withName(String n) {
        return new ContainerRecord(id, n, created, path, args, config, hostConfig, imageId, state, restartCount, driver,
                runtime, manuallyStopped, mounts);
    }

    public ContainerRecord withRestartCount(int c) {
        return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, state, c, driver,
                runtime, manuallyStopped, mounts);
    }

    public ContainerRecord withManuallyStopped(boolean m) {
        return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, state, restartCount,
                driver, runtime, m, mounts);
    }

    public ContainerRecord withHostConfig(ObjectNode h) {
        return new ContainerRecord(id, name, created, path, args, config, h, imageId, state, restartCount, driver,
                runtime, manuallyStopped, mounts);
    }

    /** The short name without Docker's leading slash. */
    public String shortName() {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /** A mount as inspect shows it and as the spec needs it. */
    public record MountPoint(
            @JsonProperty("Type") String type,
            @JsonProperty("Name") String name,
            @JsonProperty("Source") String source,
            @JsonProperty("Destination") String destination,
            @JsonProperty("Driver") String driver,
            @JsonProperty("Mode") String mode,
            @JsonProperty("RW") boolean rw,
            @JsonProperty("Propagation") String propagation,
            @JsonProperty("Options") List<String> options,
            @JsonProperty("Anonymous") boolean anonymous) {
    }
}
