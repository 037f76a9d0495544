package dev.berth.daemon.container;

import java.time.Duration;

/**
 * How long a restart policy waits before the next start, as dockerd's restart manager does: 100 ms
 * after the first exit, doubled after each further one, at most a minute, and back to 100 ms once
 * the container ran for 10 seconds (so a service that crashes now and then is not punished for old
 * crashes).
 *
 * @param delay the wait before the restart this back-off was computed for; zero before any exit
 */
public record RestartBackoff(Duration delay) {
    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofMinutes(1);
    static final Duration STABLE_RUN = Duration.ofSeconds(10);

    public RestartBackoff {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a restart delay cannot be negative: " + delay);
        }
    }

    /** Before the first exit. */
    public static RestartBackoff initial() {
        return new RestartBackoff(Duration.ZERO);
    }

    /** The back-off after an exit of a run that lasted {@code ranFor}. */
    public RestartBackoff next(Duration ranFor) {
        Duration current = ranFor.compareTo(STABLE_RUN) >= 0 ? Duration.ZERO : delay;
        Duration grown = current.isZero() ? FIRST : current.compareTo(MAX) < 0 ? current.multipliedBy(2) : current;
        return new RestartBackoff(grown.compareTo(MAX) > 0 ? MAX : grown);
    }
}
