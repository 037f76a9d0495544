package dev.berth.daemon.config;

import java.util.List;
import java.util.Map;

/**
 * How containers are run.
 *
 * @param defaultRuntime {@code runc} (always known) or a key of {@code runtimes}
 * @param runtimes       extra runtimes by name, from {@code --add-runtime} and daemon.json together
 * @param execOpts       normalised {@code native.cgroupdriver=…} options
 */
public record RuntimeConfig(String defaultRuntime, Map<String, RuntimeDefinition> runtimes, List<String> execOpts,
                            String cgroupParent, Map<String, Ulimit> defaultUlimits, ByteSize defaultShmSize,
                            String usernsRemap) {
    public RuntimeConfig {
        runtimes = Map.copyOf(runtimes);
        execOpts = List.copyOf(execOpts);
        defaultUlimits = Map.copyOf(defaultUlimits);
    }

    /** {@code cgroupfs} unless {@code native.cgroupdriver=systemd} was asked for. */
    public String cgroupDriver() {
        return execOpts.stream().filter(o -> o.startsWith("native.cgroupdriver="))
                .map(o -> o.substring("native.cgroupdriver=".length())).reduce((a, b) -> b).orElse("cgroupfs");
    }
}
