package dev.berth.daemon.container;

import dev.berth.oci.ContainerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container's health check with dockerd's defaults filled in: from {@code Config.Healthcheck}
 * (the image's HEALTHCHECK, or {@code --health-*} at create). A test of {@code NONE}, or none at
 * all, means no health check.
 *
 * @param test the probe: {@code ["CMD", argv...]} or {@code ["CMD-SHELL", command]}
 */
public record HealthSettings(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                             Duration startInterval, int retries) {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;

    public HealthSettings {
        test = List.copyOf(test);
        if (test.size() < 2 || !(test.getFirst().equals("CMD") || test.getFirst().equals("CMD-SHELL"))) {
            throw new IllegalArgumentException("a health check test is CMD or CMD-SHELL and a command: " + test);
        }
    }

    public static Optional<HealthSettings> of(ContainerConfig config) {
        ContainerConfig.Healthcheck h = config.healthcheck();
        if (h == null || h.test() == null || h.test().size() < 2
                || !(h.test().getFirst().equals("CMD") || h.test().getFirst().equals("CMD-SHELL"))) {
            return Optional.empty();
        }
        return Optional.of(new HealthSettings(h.test(), orDefault(h.interval(), DEFAULT_INTERVAL),
                orDefault(h.timeout(), DEFAULT_TIMEOUT), orDefault(h.startPeriod(), Duration.ZERO),
                orDefault(h.startInterval(), DEFAULT_START_INTERVAL), h.retries() > 0 ? h.retries() : DEFAULT_RETRIES));
    }

    private static Duration orDefault(long nanos, Duration fallback) {
        return nanos > 0 ? Duration.ofNanos(nanos) : fallback;
    }

    /** The argv to run in the container; CMD-SHELL goes through the container's shell ({@code /bin/sh -c}). */
    public List<String> command(List<String> shell) {
        List<String> argv = new ArrayList<>();
        if (test.getFirst().equals("CMD-SHELL")) {
            argv.addAll(shell == null || shell.isEmpty() ? List.of("/bin/sh", "-c") : shell);
        }
        argv.addAll(test.subList(1, test.size()));
        return argv;
    }

    /** The wait before the next probe: the start interval while still starting inside the start period. */
    public Duration nextInterval(Duration sinceStart, String status) {
        return sinceStart.compareTo(startPeriod) < 0 && status.equals(HealthState.STARTING) ? startInterval : interval;
    }

    public boolean inStartPeriod(Duration sinceStart) {
        return sinceStart.compareTo(startPeriod) < 0;
    }
}
