package dev.berth.daemon.container;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.Set;

/** dockerd's checks of a HostConfig at create and update, with its messages. */
final class HostConfigChecks {
    private static final Set<String> RESTART_POLICIES = Set.of("no", "always", "unless-stopped", "on-failure");
    private static final long MIN_MEMORY = 6 * 1024 * 1024;

    private HostConfigChecks() {
    }

    /** @param remapped whether the daemon runs with {@code --userns-remap} */
    static void check(HostConfigView hc, Set<String> runtimes, boolean remapped) {
        resources(hc);
        restartPolicy(hc);
        String runtime = hc.text("Runtime");
        if (!runtime.isEmpty() && !runtimes.contains(runtime)) {
            throw new InvalidArgumentException("unknown or invalid runtime name: " + runtime);
        }
        if (remapped && !hc.text("UsernsMode").equals("host")) {
            userNamespace(hc);
        }
    }

    /** What a container in the daemon's user namespace cannot have; {@code --userns=host} lifts it. */
    private static void userNamespace(HostConfigView hc) {
        if (hc.flag("Privileged")) {
            throw new InvalidArgumentException("privileged mode is incompatible with user namespaces.  You must run"
                    + " the container in the host namespace when running privileged mode");
        }
        if (hc.networkMode().equals("host")) {
            throw new InvalidArgumentException("cannot share the host's network namespace when user namespaces are enabled");
        }
        if (hc.text("PidMode").equals("host")) {
            throw new InvalidArgumentException("cannot share the host PID namespace when user namespaces are enabled");
        }
    }

    static void resources(HostConfigView hc) {
        long memory = hc.number("Memory");
        long swap = hc.number("MemorySwap");
        if (memory > 0 && memory < MIN_MEMORY) {
            throw new InvalidArgumentException("Minimum memory limit allowed is 6MB");
        }
        if (memory < 0) {
            throw new InvalidArgumentException("invalid memory limit: must not be negative");
        }
        if (swap > 0 && memory == 0) {
            throw new InvalidArgumentException("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (swap > 0 && swap < memory) {
            throw new InvalidArgumentException("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        long reservation = hc.number("MemoryReservation");
        if (memory > 0 && reservation > memory) {
            throw new InvalidArgumentException("Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        long nano = hc.number("NanoCpus");
        if (nano > 0 && (hc.number("CpuQuota") > 0 || hc.number("CpuPeriod") > 0)) {
            throw new InvalidArgumentException("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (nano < 0 || nano > cpus * 1_000_000_000L) {
            throw new InvalidArgumentException("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only "
                    + cpus + " CPUs available");
        }
        long period = hc.number("CpuPeriod");
        if (period != 0 && (period < 1000 || period > 1_000_000)) {
            throw new InvalidArgumentException("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        long quota = hc.number("CpuQuota");
        if (quota > 0 && quota < 1000) {
            throw new InvalidArgumentException("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
        long weight = hc.number("BlkioWeight");
        if (weight > 0 && (weight < 10 || weight > 1000)) {
            throw new InvalidArgumentException("Range of blkio weight is from 10 to 1000");
        }
        if (hc.number("ShmSize") < 0) {
            throw new InvalidArgumentException("SHM size can not be less than 0");
        }
    }

    static void restartPolicy(HostConfigView hc) {
        String name = hc.restartPolicyName();
        if (!RESTART_POLICIES.contains(name)) {
            throw new InvalidArgumentException("invalid restart policy '" + name + "'");
        }
        int retries = hc.restartMaxRetries();
        if (retries < 0) {
            throw new InvalidArgumentException("invalid restart policy: maximum retry count cannot be negative");
        }
        if (retries > 0 && !name.equals("on-failure")) {
            throw new InvalidArgumentException("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
        if (hc.autoRemove() && !name.equals("no")) {
            throw new InvalidArgumentException("conflicting options: cannot specify both --restart and --rm");
        }
    }
}
