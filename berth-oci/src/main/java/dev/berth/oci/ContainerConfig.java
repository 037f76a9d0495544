package dev.berth.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's container configuration, as embedded in an image config ({@code config}) and sent in a
 * container create. Field names are Docker's; fields Docker omits when empty are marked so.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContainerConfig(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Healthcheck") Healthcheck healthcheck,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("ArgsEscaped") boolean argsEscaped,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("NetworkDisabled") boolean networkDisabled,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("StopSignal") String stopSignal,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("StopTimeout") Integer stopTimeout,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("Shell") List<String> shell) {

    public ContainerConfig {
        hostname = hostname == null ? "" : hostname;
        domainname = domainname == null ? "" : domainname;
        user = user == null ? "" : user;
        image = image == null ? "" : image;
        workingDir = workingDir == null ? "" : workingDir;
    }

    /** The configuration of an image that sets nothing (what {@code docker import} starts from). */
    public static ContainerConfig empty() {
        return new ContainerConfig(null, null, null, false, false, false, null, false, false, false,
                null, null, null, false, null, null, null, null, false, null, null, null, null, null);
    }

    /** A builder seeded with this config, for changes such as {@code import --change} and commit. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Health check settings; durations are nanoseconds as in Docker's API. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Healthcheck(
            @JsonProperty("Test") List<String> test,
            @JsonProperty("Interval") long interval,
            @JsonProperty("Timeout") long timeout,
            @JsonProperty("StartPeriod") long startPeriod,
            @JsonProperty("StartInterval") long startInterval,
            @JsonProperty("Retries") int retries) {
    }

    /** Mutable staging for a new config; every setter returns the builder. */
    public static final class Builder {
        private final ContainerConfig c;
        private String user;
        private List<String> env;
        private List<String> cmd;
        private List<String> entrypoint;
        private Map<String, Map<String, Object>> exposedPorts;
        private Map<String, Map<String, Object>> volumes;
        private String workingDir;
        private Map<String, String> labels;
        private String stopSignal;
        private List<String> onBuild;
        private Healthcheck healthcheck;

        private Builder(ContainerConfig c) {
            this.c = c;
            user = c.user;
            env = c.env;
            cmd = c.cmd;
            entrypoint = c.entrypoint;
            exposedPorts = c.exposedPorts;
            volumes = c.volumes;
            workingDir = c.workingDir;
            labels = c.labels;
            stopSignal = c.stopSignal;
            onBuild = c.onBuild;
            healthcheck = c.healthcheck;
        }

        public Builder user(String v) { user = v; return this; }

        public Builder env(List<String> v) { env = v; return this; }

        public Builder cmd(List<String> v) { cmd = v; return this; }

        public Builder entrypoint(List<String> v) { entrypoint = v; return this; }

        public Builder exposedPorts(Map<String, Map<String, Object>> v) { exposedPorts = v; return this; }

        public Builder volumes(Map<String, Map<String, Object>> v) { volumes = v; return this; }

        public Builder workingDir(String v) { workingDir = v; return this; }

        public Builder labels(Map<String, String> v) { labels = v; return this; }

        public Builder stopSignal(String v) { stopSignal = v; return this; }

        public Builder onBuild(List<String> v) { onBuild = v; return this; }

        public Builder healthcheck(Healthcheck v) { healthcheck = v; return this; }

        public ContainerConfig build() {
            return new ContainerConfig(c.hostname, c.domainname, user, c.attachStdin, c.attachStdout, c.attachStderr,
                    exposedPorts, c.tty, c.openStdin, c.stdinOnce, env, cmd, healthcheck, c.argsEscaped,
                    c.image, volumes, workingDir, entrypoint, c.networkDisabled, onBuild, labels,
                    stopSignal, c.stopTimeout, c.shell);
        }
    }
}
