package dev.berth.runtime.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds a container's OCI runtime spec ({@code config.json} for runc or crun) with Docker's defaults.
 *
 * <pre>{@code
 * ObjectNode config = SpecBuilder.build(containerSpec);          // this host's facts
 * Files.write(bundle.resolve("config.json"), OciJson.bytes(config));
 * // runc create --bundle BUNDLE ID; runc start ID
 * }</pre>
 *
 * The spec starts as {@link DefaultSpec#create}, then each {@link Option} below changes it, in the order moby's
 * {@code createSpec} applies its own: common process settings, cgroups, resources, sysctls, user, devices,
 * rlimits, namespaces, capabilities, seccomp (which reads the capabilities), mounts, AppArmor, OOM score.
 *
 * @throws dev.berth.oci.error.InvalidArgumentException (from {@link #build}) for input Docker would reject:
 *         an unknown user or capability, a bad tmpfs option, conflicting resource limits, an unreadable profile
 */
public final class SpecBuilder {
    /** One named change to the spec; it may read what earlier options wrote. */
    @FunctionalInterface
    interface Option {
        void apply(ContainerSpec in, HostFacts host, ObjectNode spec);
    }

    static final List<Option> OPTIONS = List.of(
            ProcessOptions::withRoot,
            ProcessOptions::withProcess,
            ProcessOptions::withInit,
            ProcessOptions::withHostname,
            LinuxOptions::withDefaultSysctls,
            LinuxOptions::withCgroupsPath,
            LinuxOptions::withResources,
            LinuxOptions::withSysctls,
            ProcessOptions::withUser,
            LinuxOptions::withDevices,
            ProcessOptions::withRlimits,
            LinuxOptions::withNamespaces,
            LinuxOptions::withUserNamespace,
            ProcessOptions::withCapabilities,
            ProcessOptions::withNoNewPrivileges,
            LinuxOptions::withSeccomp,
            MountOptions::withMounts,
            MountOptions::withReadonlyRootfs,
            MountOptions::withPrivileged,
            MountOptions::withSystemPaths,
            MountOptions::withCgroupMount,
            ProcessOptions::withApparmor,
            ProcessOptions::withOomScoreAdj);

    private SpecBuilder() {
    }

    /** The spec for {@code in} on this machine. */
    public static ObjectNode build(ContainerSpec in) {
        return build(in, HostFacts.current());
    }

    /** The spec for {@code in} on a host described by {@code host}. */
    public static ObjectNode build(ContainerSpec in, HostFacts host) {
        ObjectNode spec = DefaultSpec.create(host);
        for (Option option : OPTIONS) {
            option.apply(in, host, spec);
        }
        return spec;
    }
}
