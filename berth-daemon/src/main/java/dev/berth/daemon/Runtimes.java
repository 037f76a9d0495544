package dev.berth.daemon;

import dev.berth.daemon.config.DaemonConfig;
import dev.berth.daemon.config.RuntimeDefinition;
import dev.berth.runtime.ConmonRuntime;
import dev.berth.runtime.OciRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OCI runtimes containers can use: runc and crun where installed, plus the {@code runtimes} of daemon.json. */
final class Runtimes {
    static final Path CONMON = Path.of("/usr/bin/conmon");

    private Runtimes() {
    }

    static Map<String, OciRuntime> of(DaemonConfig c) throws java.io.IOException {
        Map<String, OciRuntime> out = new LinkedHashMap<>();
        Path root = c.execRoot().resolve("runtime");
        add(out, "runc", List.of(Path.of("/usr/sbin/runc"), Path.of("/usr/bin/runc")), List.of(), root);
        add(out, "crun", List.of(Path.of("/usr/bin/crun")), List.of(), root);
        for (Map.Entry<String, RuntimeDefinition> e : c.runtime().runtimes().entrySet()) {
            RuntimeDefinition d = e.getValue();
            add(out, e.getKey(), List.of(resolve(d.path())), d.runtimeArgs(), root);
        }
        return out;
    }

    private static Path resolve(String path) {
        if (path.contains("/")) {
            return Path.of(path);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir, path);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return Path.of(path);
    }

    private static void add(Map<String, OciRuntime> out, String name, List<Path> candidates, List<String> args,
                            Path root) throws java.io.IOException {
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                out.put(name, new ConmonRuntime(name, p, CONMON, root.resolve(name), args));
                return;
            }
        }
    }
}
