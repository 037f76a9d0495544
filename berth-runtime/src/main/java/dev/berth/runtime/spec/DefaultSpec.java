package dev.berth.runtime.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Docker's default OCI runtime spec (moby's {@code oci.DefaultLinuxSpec}), before anything about one container is
 * known. {@link #create} returns a fresh tree each call; {@link SpecBuilder}'s options then change it.
 */
public final class DefaultSpec {
    /** The runtime-spec version runc 1.1 and crun 1.8 both read. */
    public static final String OCI_VERSION = "1.0.2-dev";

    /** Host paths that leak information about, or give control over, the host's kernel: shown as empty. */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
            "/sys/devices/virtual/powercap");

    /** Kernel tunables under /proc that a container may read but must not change for the whole host. */
    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** Namespaces every container gets a private one of; host or joined modes change them per container. */
    static final List<String> NAMESPACES = List.of("mount", "network", "uts", "pid", "ipc");

    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    private DefaultSpec() {
    }

    public static ObjectNode create(HostFacts host) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.put("ociVersion", OCI_VERSION);
        spec.set("process", process());
        ObjectNode root = spec.putObject("root");
        root.put("path", "rootfs");
        root.put("readonly", false);
        spec.put("hostname", "");
        spec.set("mounts", mounts());
        spec.set("linux", linux(host));
        return spec;
    }

    private static ObjectNode process() {
        ObjectNode process = JsonNodeFactory.instance.objectNode();
        process.put("terminal", false);
        ObjectNode user = process.putObject("user");
        user.put("uid", 0);
        user.put("gid", 0);
        process.putArray("args");
        process.putArray("env");
        process.put("cwd", "/");
        ObjectNode caps = process.putObject("capabilities");
        // No inheritable or ambient set: exec'd programs never gain capabilities they were not meant to keep.
        for (String set : List.of("bounding", "effective", "permitted")) {
            strings(caps.putArray(set), Capabilities.DEFAULTS);
        }
        return process;
    }

    private static ArrayNode mounts() {
        ArrayNode mounts = JsonNodeFactory.instance.arrayNode();
        mounts.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
        mounts.add(mount("/dev/pts", "devpts", "devpts",
                "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        // sysfs and the cgroup tree are read-only: writing them would reconfigure the host.
        mounts.add(mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"));
        mounts.add(mount("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        return mounts;
    }

    static ObjectNode mount(String destination, String type, String source, String... options) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        strings(m.putArray("options"), List.of(options));
        return m;
    }

    private static ObjectNode linux(HostFacts host) {
        ObjectNode linux = JsonNodeFactory.instance.objectNode();
        ObjectNode resources = linux.putObject("resources");
        resources.set("devices", deviceRules());
        ArrayNode namespaces = linux.putArray("namespaces");
        NAMESPACES.forEach(ns -> namespaces.addObject().put("type", ns));
        ArrayNode masked = strings(linux.putArray("maskedPaths"), MASKED_PATHS);
        host.thermalThrottlePaths().forEach(masked::add);
        strings(linux.putArray("readonlyPaths"), READONLY_PATHS);
        // Empty: the runtime itself creates null, zero, full, random, urandom, tty, console and ptmx.
        linux.putArray("devices");
        linux.putObject("sysctl");
        return linux;
    }

    /** Deny every device, then allow null, zero, full, urandom, tty and console; /dev/fuse (10:229) stays denied. */
    private static ArrayNode deviceRules() {
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        rules.addObject().put("allow", false).put("access", "rwm");
        int[][] allowed = {{1, 5}, {1, 3}, {1, 9}, {1, 8}, {5, 0}, {5, 1}};
        for (int[] dev : allowed) {
            rules.add(deviceRule(true, dev[0], dev[1]));
        }
        rules.add(deviceRule(false, 10, 229));
        return rules;
    }

    private static ObjectNode deviceRule(boolean allow, int major, int minor) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("allow", allow).put("type", "c").put("major", major).put("minor", minor).put("access", "rwm");
        return rule;
    }

    static ArrayNode strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
        return into;
    }
}
