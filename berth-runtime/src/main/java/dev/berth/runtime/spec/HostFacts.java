package dev.berth.runtime.spec;

import dev.berth.linux.DeviceNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the spec depends on about the machine it runs on, read once so that {@link SpecBuilder} stays a
 * function of its inputs and tests can describe any host.
 *
 * @param cgroupV2             the unified hierarchy alone is mounted (a private cgroup namespace is then Docker's default)
 * @param allCapabilities      what {@code --privileged} and {@code --cap-add ALL} grant: the kernel's capabilities
 *                             (0..{@code cap_last_cap}) that berth's own bounding set still holds, since a runtime
 *                             it starts cannot grant more (Docker takes the kernel's list alone and fails there)
 * @param thermalThrottlePaths {@code /sys/devices/system/cpu/cpuN/thermal_throttle} directories present here (masked)
 * @param swapLimit            the memory controller accounts swap, so {@code memory.swap} can be written
 * @param sysctls              which of the sysctls berth sets by default exist in this kernel
 * @param kernelMajor          with {@code kernelMinor}, for seccomp rules with {@code minKernel}
 * @param goArch               the architecture in Go's spelling ({@code amd64}), as Docker profiles name it
 * @param apparmor             AppArmor is enabled, so a named profile can be applied
 * @param devices              the host's device nodes, given to privileged containers
 */
public record HostFacts(boolean cgroupV2, List<String> allCapabilities, List<String> thermalThrottlePaths, boolean swapLimit,
                        Set<String> sysctls, int kernelMajor, int kernelMinor, String goArch, boolean apparmor,
                        List<LinuxDevice> devices) {
    /** The sysctls berth adds for a private network namespace, as Docker v28 does. */
    public static final String PING_GROUP_RANGE = "net.ipv4.ping_group_range";
    public static final String UNPRIVILEGED_PORT_START = "net.ipv4.ip_unprivileged_port_start";

    // Directories whose nodes belong to other mounts, and the console, which the runtime provides itself.
    private static final Set<String> SKIPPED_DEV_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");

    private static volatile HostFacts current;

    public HostFacts {
        allCapabilities = List.copyOf(allCapabilities);
        thermalThrottlePaths = List.copyOf(thermalThrottlePaths);
        sysctls = Set.copyOf(sysctls);
        devices = List.copyOf(devices);
    }

    /** This machine, probed on first use. */
    public static HostFacts current() {
        HostFacts facts = current;
        if (facts == null) {
            facts = probe();
            current = facts;
        }
        return facts;
    }

    public static HostFacts probe() {
        Path cgroup = Path.of("/sys/fs/cgroup");
        boolean v2 = Files.exists(cgroup.resolve("cgroup.controllers"));
        boolean swap = v2 ? Files.exists(cgroup.resolve("memory.swap.max")) || hasChildFile(cgroup, "memory.swap.max")
                : Files.exists(cgroup.resolve("memory/memory.memsw.limit_in_bytes"));
        Set<String> sysctls = Stream.of(PING_GROUP_RANGE, UNPRIVILEGED_PORT_START)
                .filter(s -> Files.exists(Path.of("/proc/sys", s.replace('.', '/'))))
                .collect(java.util.stream.Collectors.toSet());
        int[] kernel = kernelVersion();
        return new HostFacts(v2, grantableCapabilities(), findThermalThrottlePaths(), swap, sysctls, kernel[0], kernel[1], hostGoArch(),
                Files.exists(Path.of("/sys/kernel/security/apparmor")), devices(Path.of("/dev")));
    }

    /** This host's facts with another list of devices (tests use an empty one). */
    public HostFacts withDevices(List<LinuxDevice> others) {
        return new HostFacts(cgroupV2, allCapabilities, thermalThrottlePaths, swapLimit, sysctls, kernelMajor, kernelMinor,
                goArch, apparmor, others);
    }

    /** {@code major.minor} at least the given version. */
    public boolean kernelAtLeast(int major, int minor) {
        return kernelMajor > major || (kernelMajor == major && kernelMinor >= minor);
    }

    private static boolean hasChildFile(Path dir, String name) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(c -> Files.exists(c.resolve(name)));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> grantableCapabilities() {
        int lastCap = Integer.parseInt(procFile("/proc/sys/kernel/cap_last_cap").strip());
        long bounding = procFile("/proc/self/status").lines()
                .filter(l -> l.startsWith("CapBnd:"))
                .map(l -> Long.parseUnsignedLong(l.substring("CapBnd:".length()).strip(), 16))
                .findFirst()
                .orElse(-1L);
        List<String> caps = new ArrayList<>();
        for (int i = 0; i <= lastCap && i < Capabilities.ALL.size(); i++) {
            if ((bounding & (1L << i)) != 0) {
                caps.add(Capabilities.ALL.get(i));
            }
        }
        return caps;
    }

    /** Streamed, not Files.readString: procfs reports size 0 and readString then returns a truncated value. */
    private static String procFile(String path) {
        try (java.io.InputStream in = Files.newInputStream(Path.of(path))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static List<String> findThermalThrottlePaths() {
        Path cpus = Path.of("/sys/devices/system/cpu");
        try (Stream<Path> entries = Files.list(cpus)) {
            return entries.filter(p -> p.getFileName().toString().matches("cpu\\d+"))
                    .map(p -> p.resolve("thermal_throttle"))
                    .filter(Files::isDirectory)
                    .map(Path::toString)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int[] kernelVersion() {
        String[] parts = System.getProperty("os.version", "0.0").split("[.-]");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
    }

    private static String hostGoArch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case String other -> other;
        };
    }

    /** Every character and block device under {@code dev}, as containerd's {@code HostDevices} lists them. */
    static List<LinuxDevice> devices(Path dev) {
        List<LinuxDevice> found = new ArrayList<>();
        collectDevices(dev, found);
        return found;
    }

    private static void collectDevices(Path dir, List<LinuxDevice> into) {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (!SKIPPED_DEV_DIRS.contains(name)) {
                        collectDevices(p, into);
                    }
                } else if (!name.equals("console")) {
                    deviceAt(p).ifPresent(into::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list host devices in " + dir, e);
        }
    }

    private static java.util.Optional<LinuxDevice> deviceAt(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        String type = switch (mode & 0170000) {
            case 0020000 -> "c";
            case 0060000 -> "b";
            default -> null;
        };
        if (type == null) {
            return java.util.Optional.empty();
        }
        DeviceNumber number = DeviceNumber.fromRdev((Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        return java.util.Optional.of(new LinuxDevice(p.toString(), type, number.major(), number.minor(), mode & 07777, uid, gid));
    }
}
