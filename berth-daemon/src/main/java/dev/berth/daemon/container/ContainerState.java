package dev.berth.daemon.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A container's state as Docker reports it in {@code inspect}: created, running, paused,
 * restarting, removing, exited or dead, with the pid, exit code and times, and the health when the
 * container has a health check (absent in records written before health checks existed).
 */
public record ContainerState(
        @JsonProperty("Status") String status,
        @JsonProperty("Running") boolean running,
        @JsonProperty("Paused") boolean paused,
        @JsonProperty("Restarting") boolean restarting,
        @JsonProperty("OOMKilled") boolean oomKilled,
        @JsonProperty("Dead") boolean dead,
        @JsonProperty("Pid") int pid,
        @JsonProperty("ExitCode") int exitCode,
        @JsonProperty("Error") String error,
        @JsonProperty("StartedAt") String startedAt,
        @JsonProperty("FinishedAt") String finishedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Health") HealthState health) {
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    public static ContainerState created() {
        return new ContainerState("created", false, false, false, false, false, 0, 0, "", ZERO_TIME, ZERO_TIME, null);
    }

    public ContainerState running(int pid, String at) {
        return new ContainerState("running", true, false, false, false, false, pid, 0, "", at, finishedAt, health);
    }

    public ContainerState exited(int code, boolean oom, String at) {
        return new ContainerState("exited", false, false, false, oom, false, 0, code, "", startedAt, at, health);
    }

    public ContainerState failed(int code, String message) {
        return new ContainerState(startedAt.equals(ZERO_TIME) ? "created" : "exited", false, false, false, false,
                false, 0, code, message, startedAt, finishedAt, health);
    }

    public ContainerState paused(boolean p) {
        return new ContainerState(p ? "paused" : "running", running, p, restarting, oomKilled, dead, pid, exitCode,
                error, startedAt, finishedAt, health);
    }

    public ContainerState restarting(boolean r) {
        return new ContainerState(r ? "restarting" : status, running, paused, r, oomKilled, dead, pid, exitCode,
                error, startedAt, finishedAt, health);
    }

    public ContainerState removing() {
        return new ContainerState("removing", running, paused, restarting, oomKilled, dead, pid, exitCode, error,
                startedAt, finishedAt, health);
    }

    public ContainerState withHealth(HealthState h) {
        return new ContainerState(status, running, paused, restarting, oomKilled, dead, pid, exitCode, error, startedAt,
                finishedAt, h);
    }

    /** A restart that was waiting and is called off: exited again, as it was before the wait. */
    public ContainerState restartCancelled() {
        return new ContainerState("exited", false, false, false, oomKilled, dead, 0, exitCode, error, startedAt,
                finishedAt, health);
    }
}
