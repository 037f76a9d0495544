package dev.berth.runtime.spec;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Docker's capability arithmetic: the default set, {@code --cap-add}/{@code --cap-drop} (names with or without
 * {@code CAP_}, any case, {@code ALL}), and {@code --privileged}.
 *
 * <pre>{@code
 * Capabilities.resolve(List.of("net_admin"), List.of("CAP_MKNOD"), false, Capabilities.ALL)
 *     // the 14 defaults without CAP_MKNOD, then CAP_NET_ADMIN
 * }</pre>
 */
public final class Capabilities {
    /**
     * Docker's default set: enough for ordinary root-owned services (chown files, bind low ports, drop privileges),
     * none that reach the host kernel (no SYS_ADMIN, SYS_MODULE, SYS_PTRACE, NET_ADMIN…).
     */
    public static final List<String> DEFAULTS = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
            "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
            "CAP_AUDIT_WRITE");

    /** Every capability Linux defines, indexed by its number. */
    public static final List<String> ALL = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    private static final String ALL_KEYWORD = "ALL";

    private Capabilities() {
    }

    /**
     * The container's capability set.
     *
     * @param all what {@code ALL} and privileged mean on this host ({@link HostFacts#allCapabilities()})
     * @throws InvalidArgumentException for a name Linux does not define
     */
    public static List<String> resolve(List<String> add, List<String> drop, boolean privileged, List<String> all) {
        if (privileged) {
            return List.copyOf(all);
        }
        List<String> adds = normalize(add);
        List<String> drops = normalize(drop);
        Set<String> result = new LinkedHashSet<>();
        if (adds.contains(ALL_KEYWORD)) {
            all.stream().filter(c -> !drops.contains(c)).forEach(result::add);
        } else if (drops.contains(ALL_KEYWORD)) {
            result.addAll(adds);
        } else {
            DEFAULTS.stream().filter(c -> !drops.contains(c)).forEach(result::add);
            result.addAll(adds);
        }
        return List.copyOf(result);
    }

    /** Upper case with the {@code CAP_} prefix; {@code ALL} stays {@code ALL}. */
    static List<String> normalize(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String upper = name.strip().toUpperCase(Locale.ROOT);
            String cap = upper.equals(ALL_KEYWORD) || upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            if (!cap.equals(ALL_KEYWORD) && !ALL.contains(cap)) {
                throw new InvalidArgumentException("unknown capability: \"" + cap + "\"");
            }
            out.add(cap);
        }
        return out;
    }
}
