package dev.berth.runtime.spec;

import dev.berth.linux.IdMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test fixture: a {@link ContainerSpec} with `docker run`'s defaults, changed field by field. */
final class ContainerSpecs {
    String id = "c0ffee";
    String hostname = "c0ffee";
    String domainname = "";
    Path rootfs;
    boolean readonlyRootfs;
    List<String> args = List.of("sh", "-c", "echo ok");
    List<String> env = List.of();
    String cwd = "";
    String user = "";
    List<String> groupAdd = List.of();
    boolean terminal;
    boolean privileged;
    List<String> capAdd = List.of();
    List<String> capDrop = List.of();
    List<String> securityOpt = List.of();
    List<ContainerSpec.Ulimit> ulimits = List.of();
    long shmSize;
    Map<String, String> tmpfs = new LinkedHashMap<>();
    List<ContainerSpec.MountSpec> mounts = new ArrayList<>();
    ContainerSpec.Resources resources = ContainerSpec.Resources.none();
    String cgroupsPath = "";
    ContainerSpec.Namespaces namespaces = ContainerSpec.Namespaces.allPrivate();
    Map<String, String> sysctls = new LinkedHashMap<>();
    int oomScoreAdj;
    Optional<Path> init = Optional.empty();
    IdMap userNamespace = IdMap.IDENTITY;

    ContainerSpecs(Path rootfs) {
        this.rootfs = rootfs;
    }

    ContainerSpec build() {
        return new ContainerSpec(id, hostname, domainname, rootfs, readonlyRootfs, args, env, cwd, user, groupAdd,
                terminal, privileged, capAdd, capDrop, securityOpt, ulimits, shmSize, tmpfs, mounts, resources,
                cgroupsPath, namespaces, sysctls, oomScoreAdj, init, userNamespace);
    }

    /** A cgroup v1 x86-64 host with both default sysctls, swap accounting and no thermal_throttle. */
    static HostFacts v1Host() {
        return new HostFacts(false, Capabilities.ALL, List.of(), true,
                java.util.Set.of(HostFacts.PING_GROUP_RANGE, HostFacts.UNPRIVILEGED_PORT_START), 6, 1, "amd64", false,
                List.of(new LinuxDevice("/dev/sda", "b", 8, 0, 0660, 0, 6)));
    }
}
