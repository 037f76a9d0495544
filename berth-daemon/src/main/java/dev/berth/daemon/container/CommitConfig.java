package dev.berth.daemon.container;

import dev.berth.image.mutate.ConfigChanges;
import dev.berth.oci.ContainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config of a committed image, by Docker's commit rules: the request's config (often empty)
 * with the {@code --change} instructions applied, then every field it leaves unset taken from the
 * container's config. Env and labels merge key by key with the request winning; the container's
 * hostname, tty and stdin settings are not carried over.
 *
 * <pre>{@code
 * // docker commit -c 'ENV X=1' c  on a busybox container running ["sh"]
 * CommitConfig.of(containerConfig, null, List.of("ENV X=1"))   // Env [X=1, PATH=…], Cmd ["sh"]
 * }</pre>
 */
final class CommitConfig {
    private CommitConfig() {
    }

    static ContainerConfig of(ContainerConfig container, ContainerConfig request, List<String> changes) {
        ContainerConfig u = ConfigChanges.apply(request == null ? ContainerConfig.empty() : request, changes);
        List<String> entrypoint = u.entrypoint();
        List<String> cmd = u.cmd();
        if (entrypoint == null || entrypoint.isEmpty()) {
            if (cmd == null || cmd.isEmpty()) {
                cmd = container.cmd();
            }
            if (entrypoint == null) {
                entrypoint = container.entrypoint();
            }
        }
        return new ContainerConfig("", "", orElse(u.user(), container.user()), false, false, false,
                merge(container.exposedPorts(), u.exposedPorts()), false, false, false, env(u.env(), container.env()),
                cmd, u.healthcheck() != null ? u.healthcheck() : container.healthcheck(), u.argsEscaped(), "",
                merge(container.volumes(), u.volumes()), orElse(u.workingDir(), container.workingDir()), entrypoint,
                false, u.onBuild() == null || u.onBuild().isEmpty() ? container.onBuild() : u.onBuild(),
                merge(container.labels(), u.labels()), orElse(u.stopSignal(), container.stopSignal()),
                u.stopTimeout() != null ? u.stopTimeout() : container.stopTimeout(),
                u.shell() != null && !u.shell().isEmpty() ? u.shell() : container.shell());
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** The request's variables first, then the container's whose names the request does not set. */
    static List<String> env(List<String> request, List<String> container) {
        List<String> out = new ArrayList<>(request == null ? List.of() : request);
        for (String e : container == null ? List.<String>of() : container) {
            String key = key(e);
            if (out.stream().noneMatch(x -> key(x).equals(key))) {
                out.add(e);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static String key(String e) {
        int eq = e.indexOf('=');
        return eq < 0 ? e : e.substring(0, eq);
    }

    private static <V> Map<String, V> merge(Map<String, V> container, Map<String, V> request) {
        if ((container == null || container.isEmpty()) && (request == null || request.isEmpty())) {
            return request != null ? request : container;
        }
        Map<String, V> out = new TreeMap<>();
        if (container != null) {
            out.putAll(container);
        }
        if (request != null) {
            out.putAll(request);
        }
        return out;
    }
}
