package dev.berth.daemon.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A container's health as inspect shows it ({@code State.Health}): starting until the first probe
 * passes, healthy after any passing probe, unhealthy once {@code retries} probes in a row failed.
 * Failures while the container is still starting and inside its start period do not count. The
 * last five probe results are kept.
 */
public record HealthState(
        @JsonProperty("Status") String status,
        @JsonProperty("FailingStreak") int failingStreak,
        @JsonProperty("Log") List<Result> log) {
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    /** What the {@code health} filter calls a container without a health check. */
    public static final String NONE = "none";
    static final int MAX_LOG = 5;
    private static final Set<String> STATUSES = Set.of(STARTING, HEALTHY, UNHEALTHY);

    public HealthState {
        // dockerd reports a health whose monitor never set a status as unhealthy.
        status = status == null || status.isEmpty() ? UNHEALTHY : status;
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown health status '" + status + "'");
        }
        if (failingStreak < 0) {
            throw new IllegalArgumentException("a failing streak cannot be negative: " + failingStreak);
        }
        log = log == null ? List.of() : List.copyOf(log);
    }

    /** A (re)started container: starting again, the streak cleared, the earlier probes kept. */
    public static HealthState starting(HealthState previous) {
        return new HealthState(STARTING, 0, previous == null ? List.of() : previous.log);
    }

    /**
     * The state after one probe.
     *
     * @param inStartPeriod the probe began before the start period ran out
     */
    public HealthState after(Result result, int retries, boolean inStartPeriod) {
        List<Result> next = new ArrayList<>(log.subList(Math.max(0, log.size() + 1 - MAX_LOG), log.size()));
        next.add(result);
        if (result.exitCode() == 0) {
            return new HealthState(HEALTHY, 0, next);
        }
        if (status.equals(STARTING) && inStartPeriod) {
            return new HealthState(status, failingStreak, next);
        }
        int streak = failingStreak + 1;
        return new HealthState(streak >= retries ? UNHEALTHY : status, streak, next);
    }

    /** What {@code docker ps} puts in parentheses after {@code Up …}. */
    public String psText() {
        return status.equals(STARTING) ? "health: starting" : status;
    }

    /**
     * One probe: when it ran, its exit code (-1 when it could not run or timed out) and its combined
     * stdout and stderr, cut at 4 KiB.
     */
    public record Result(
            @JsonProperty("Start") String start,
            @JsonProperty("End") String end,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Output") String output) {
    }
}
