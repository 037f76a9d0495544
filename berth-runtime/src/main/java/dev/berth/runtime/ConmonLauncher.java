package dev.berth.runtime;

import dev.berth.linux.Command;
import dev.berth.linux.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts conmon (which forks itself into the background and returns) with its parent pipes on fds 3–5.
 *
 * <p>With {@code maskHybridCgroup}, conmon runs in a private mount namespace in which
 * {@code /sys/fs/cgroup/unified/cgroup.controllers} is covered by {@code /dev/null}: crun 1.8 refuses
 * "hybrid" hosts whose cgroup2 mount lists a controller, and only its {@code create} checks that.
 * The namespace's propagation is private, so the cover never shows on the host, and it dies with
 * conmon (see docs/runtimes.md).
 */
record ConmonLauncher(Path conmon, boolean maskHybridCgroup) {
    static final Path HYBRID_CONTROLLERS = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");
    private static final Duration LAUNCH_LIMIT = Duration.ofSeconds(30);

    /**
     * Whether the runtime at {@code binary} needs the mask on this host: crun (by the file name a symlink leads to,
     * so a daemon.json runtime of any name that points at crun gets it too), and a cgroup2 side listing controllers.
     */
    static boolean needsMask(Path binary) {
        try {
            return ConmonRuntime.isRuntime(binary, "crun")
                    && Files.isRegularFile(HYBRID_CONTROLLERS) && !Files.readString(HYBRID_CONTROLLERS).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs conmon with {@code args}; returns once its first process has forked the monitor and exited. */
    void launch(List<String> args, ParentPipes pipes) throws IOException {
        String script = pipes.execLine();
        List<String> argv = new ArrayList<>();
        if (maskHybridCgroup) {
            argv.addAll(List.of("unshare", "--mount", "--propagation", "private"));
            script = "mount --bind /dev/null " + HYBRID_CONTROLLERS + " || exit 125; " + script;
        }
        argv.addAll(List.of("sh", "-c", script, "conmon-launch"));
        argv.addAll(pipes.shellArgs());
        argv.add(conmon.toString());
        argv.addAll(args);
        Command command = Command.of(argv).timeout(LAUNCH_LIMIT);
        for (Map.Entry<String, String> e : pipes.env().entrySet()) {
            command = command.env(e.getKey(), e.getValue());
        }
        CommandResult result = command.run();
        if (!result.succeeded()) {
            // conmon reports most failures on the sync pipe; this is for those before it forks (bad flags).
            result.check();
        }
    }
}
