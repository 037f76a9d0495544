package dev.berth.daemon.container;

import dev.berth.linux.IdMap;
import dev.berth.runtime.spec.ContainerSpec;
import dev.berth.runtime.spec.ContainerSpec.Mode;
import dev.berth.runtime.spec.ContainerSpec.MountSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A stored container turned into the runtime's {@link ContainerSpec}: the HostConfig read field by field. */
final class ContainerSpecs {
    private ContainerSpecs() {
    }

    /**
     * @param peerPid resolves {@code container:NAME} namespace modes to that container's init pid
     * @param remap   the daemon's {@code --userns-remap} ranges, which a container gets unless {@code --userns=host}
     */
    static ContainerSpec of(ContainerRecord r, Path rootfs, Path containerDir, String cgroupParent,
                            Optional<Path> initBinary, Function<String, Integer> peerPid, IdMap remap,
                            ContainerNetworking.Prepared net) {
        HostConfigView hc = HostConfigView.of(r.hostConfig());
        List<String> args = new ArrayList<>();
        args.add(r.path());
        args.addAll(r.args());
        List<MountSpec> mounts = new ArrayList<>();
        mounts.add(new MountSpec("bind", ContainerFiles.resolvConf(containerDir).toString(), "/etc/resolv.conf",
                List.of("rbind", "rprivate")));
        mounts.add(new MountSpec("bind", ContainerFiles.hostname(containerDir).toString(), "/etc/hostname",
                List.of("rbind", "rprivate")));
        mounts.add(new MountSpec("bind", ContainerFiles.hosts(containerDir).toString(), "/etc/hosts",
                List.of("rbind", "rprivate")));
        Map<String, String> tmpfs = new java.util.LinkedHashMap<>();
        for (ContainerRecord.MountPoint m : r.mounts()) {
            if (m.type().equals("tmpfs")) {
                tmpfs.put(m.destination(), String.join(",", m.options()));
            } else {
                List<String> opts = new ArrayList<>(List.of("rbind", m.rw() ? "rw" : "ro"));
                opts.add(m.propagation().isEmpty() ? "rprivate" : m.propagation());
                mounts.add(new MountSpec("bind", m.source(), m.destination(), opts));
            }
        }
        boolean init = hc.flag("Init") && initBinary.isPresent();
        return new ContainerSpec(r.id(), r.config().hostname(), r.config().domainname(), rootfs,
                hc.flag("ReadonlyRootfs"), args, withHostname(r.config().env(), r.config().hostname(), net.env()),
                r.config().workingDir().isEmpty() ? "/" : r.config().workingDir(), r.config().user(),
                hc.strings("GroupAdd"), r.config().tty(), hc.flag("Privileged"), hc.strings("CapAdd"),
                hc.strings("CapDrop"), hc.strings("SecurityOpt"), ulimits(hc), shmSize(hc), tmpfs, mounts,
                resources(hc), cgroupParent + "/" + r.id(), namespaces(hc, peerPid, net.netns()), hc.stringMap("Sysctls"),
                (int) hc.number("OomScoreAdj"), init ? initBinary : Optional.empty(),
                hc.text("UsernsMode").equals("host") ? IdMap.IDENTITY : remap);
    }

    private static List<String> withHostname(List<String> env, String hostname, List<String> links) {
        List<String> out = new ArrayList<>();
        out.add("HOSTNAME=" + hostname);
        out.addAll(links);
        if (env != null) {
            out.addAll(env);
        }
        return out;
    }

    private static long shmSize(HostConfigView hc) {
        long s = hc.number("ShmSize");
        return s > 0 ? s : 64L * 1024 * 1024;
    }

    private static List<ContainerSpec.Ulimit> ulimits(HostConfigView hc) {
        List<ContainerSpec.Ulimit> out = new ArrayList<>();
        var node = hc.json().get("Ulimits");
        if (node != null && node.isArray()) {
            node.forEach(u -> out.add(new ContainerSpec.Ulimit(u.path("Name").asText(), u.path("Soft").asLong(),
                    u.path("Hard").asLong())));
        }
        return out;
    }

    static ContainerSpec.Resources resources(HostConfigView hc) {
        return new ContainerSpec.Resources(hc.number("Memory"), hc.number("MemorySwap"), hc.number("MemoryReservation"),
                hc.number("CpuShares"), hc.number("CpuPeriod"), hc.number("CpuQuota"), hc.number("NanoCpus"),
                hc.text("CpusetCpus"), hc.text("CpusetMems"), hc.pidsLimit(), (int) hc.number("BlkioWeight"));
    }

    private static ContainerSpec.Namespaces namespaces(HostConfigView hc, Function<String, Integer> peerPid,
                                                       Optional<Path> netns) {
        Mode net = netns.map(Mode::join).orElseGet(() -> mode(hc.networkMode(), "net", peerPid));
        return new ContainerSpec.Namespaces(net, mode(hc.text("PidMode"), "pid", peerPid),
                mode(hc.text("IpcMode"), "ipc", peerPid), mode(hc.text("UTSMode"), "uts", peerPid));
    }

    private static Mode mode(String setting, String ns, Function<String, Integer> peerPid) {
        if (setting.equals("host")) {
            return Mode.HOST;
        }
        if (setting.startsWith("container:")) {
            return Mode.join(Path.of("/proc", Integer.toString(peerPid.apply(setting.substring(10))), "ns", ns));
        }
        return Mode.PRIVATE;
    }
}
