package dev.berth.runtime.spec;

import dev.berth.linux.IdMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the OCI spec of one container is made from, already resolved by the engine (image
 * config merged with the create request, volumes turned into host paths). {@link SpecBuilder}
 * turns it into the runtime's {@code config.json} with Docker's defaults.
 *
 * @param user        as given to {@code -u}: {@code name}, {@code uid}, {@code name:group}, {@code uid:gid}; empty for root;
 *                    names are looked up in the rootfs' /etc/passwd and /etc/group
 * @param securityOpt as given to {@code --security-opt}: {@code seccomp=unconfined}, {@code seccomp=/path.json},
 *                    {@code no-new-privileges[=true]}, {@code apparmor=…} (ignored where AppArmor is absent), {@code label=…}
 * @param tmpfs       destination → mount options ({@code --tmpfs /run:rw,size=64m})
 * @param init        the init binary to bind in as {@code /sbin/docker-init} and run as PID 1 ({@code --init}); empty for none
 * @param userNamespace the id ranges of the container's own user namespace ({@code --userns-remap});
 *                    {@link IdMap#IDENTITY} for none
 */
public record ContainerSpec(
        String id,
        String hostname,
        String domainname,
        Path rootfs,
        boolean readonlyRootfs,
        List<String> args,
        List<String> env,
        String cwd,
        String user,
        List<String> groupAdd,
        boolean terminal,
        boolean privileged,
        List<String> capAdd,
        List<String> capDrop,
        List<String> securityOpt,
        List<Ulimit> ulimits,
        long shmSize,
        Map<String, String> tmpfs,
        List<MountSpec> mounts,
        Resources resources,
        String cgroupsPath,
        Namespaces namespaces,
        Map<String, String> sysctls,
        int oomScoreAdj,
        Optional<Path> init,
        IdMap userNamespace) {

    /** {@code --ulimit nofile=1024:2048}. */
    public record Ulimit(String name, long soft, long hard) {
    }

    /**
     * A bind or tmpfs mount: volumes are binds of their host directory by the time they get here.
     *
     * @param options e.g. {@code rbind}, {@code ro}, {@code rprivate}, {@code nosuid}
     */
    public record MountSpec(String type, String source, String destination, List<String> options) {
    }

    /** cgroup limits; 0 (or -1 for swap and pids) means unset, as in Docker's HostConfig. */
    public record Resources(long memory, long memorySwap, long memoryReservation, long cpuShares, long cpuPeriod,
                            long cpuQuota, long nanoCpus, String cpusetCpus, String cpusetMems, long pidsLimit,
                            int blkioWeight) {
        public static Resources none() {
            return new Resources(0, 0, 0, 0, 0, 0, 0, "", "", 0, 0);
        }
    }

    /** How the container's namespaces are made: private (a new one), host, or joined through a path. */
    public record Namespaces(Mode network, Mode pid, Mode ipc, Mode uts) {
        public static Namespaces allPrivate() {
            return new Namespaces(Mode.PRIVATE, Mode.PRIVATE, Mode.PRIVATE, Mode.PRIVATE);
        }
    }

    /** One namespace's mode; {@code join} carries a path like {@code /proc/PID/ns/net}. */
    public record Mode(String kind, Optional<Path> path) {
        public static final Mode PRIVATE = new Mode("private", Optional.empty());
        public static final Mode HOST = new Mode("host", Optional.empty());

        public static Mode join(Path nsPath) {
            return new Mode("join", Optional.of(nsPath));
        }
    }
}
