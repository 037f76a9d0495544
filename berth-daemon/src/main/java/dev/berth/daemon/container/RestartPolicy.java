package dev.berth.daemon.container;

/**
 * A container's {@code --restart} policy ({@code no}, {@code always}, {@code unless-stopped},
 * {@code on-failure[:N]}) and dockerd's rule for whether an exit is followed by a start.
 *
 * @param name       the policy's name; {@code no} when none was given
 * @param maxRetries for on-failure, how many restarts at most (0 = no limit)
 */
public record RestartPolicy(String name, int maxRetries) {

    public static RestartPolicy of(HostConfigView hostConfig) {
        return new RestartPolicy(hostConfig.restartPolicyName(), hostConfig.restartMaxRetries());
    }

    public boolean isNone() {
        return name.equals("no");
    }

    /**
     * @param manuallyStopped a stop or kill through the API came first (or the daemon is starting and
     *                        the container was stopped that way before it went down)
     * @param restartCount    restarts so far by this policy
     */
    public boolean shouldRestart(int exitCode, boolean manuallyStopped, int restartCount) {
        return switch (name) {
            case "always" -> true;
            case "unless-stopped" -> !manuallyStopped;
            // dockerd counts an on-failure limit of 0 as "no limit".
            case "on-failure" -> exitCode != 0 && (maxRetries == 0 || restartCount < maxRetries);
            default -> false;
        };
    }
}
