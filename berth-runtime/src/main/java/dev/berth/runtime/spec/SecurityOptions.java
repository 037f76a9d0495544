package dev.berth.runtime.spec;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed {@code --security-opt} list. Each entry is {@code key=value} (or Docker's legacy {@code key:value});
 * {@code no-new-privileges} alone means true.
 *
 * @param seccomp          {@code unconfined}, a profile path, or a profile's JSON text; empty for berth's default
 * @param noNewPrivileges  {@code no-new-privileges}: set-id binaries and file capabilities stop granting privileges
 * @param systemPaths      {@code systempaths=unconfined} drops the masked and read-only paths
 * @param writableCgroups  {@code writable-cgroups=true} mounts /sys/fs/cgroup read-write
 * @param apparmor         a profile name; applied only where AppArmor is enabled
 * @param labels           SELinux {@code label=…} options, kept for the daemon (berth does not apply SELinux labels)
 */
public record SecurityOptions(Optional<String> seccomp, boolean noNewPrivileges, boolean systemPaths,
                              boolean writableCgroups, Optional<String> apparmor, List<String> labels) {
    public static final String UNCONFINED = "unconfined";

    public SecurityOptions {
        labels = List.copyOf(labels);
    }

    public static SecurityOptions parse(List<String> options) {
        Optional<String> seccomp = Optional.empty();
        Optional<String> apparmor = Optional.empty();
        boolean noNewPrivileges = false;
        boolean systemPaths = false;
        boolean writableCgroups = false;
        List<String> labels = new ArrayList<>();
        for (String option : options) {
            if (option.equals("no-new-privileges")) {
                noNewPrivileges = true;
                continue;
            }
            String[] kv = split(option);
            switch (kv[0]) {
                case "seccomp" -> seccomp = Optional.of(kv[1]);
                case "apparmor" -> apparmor = Optional.of(kv[1]);
                case "label" -> labels.add(kv[1]);
                case "no-new-privileges" -> noNewPrivileges = bool(option, kv[1]);
                case "writable-cgroups" -> writableCgroups = bool(option, kv[1]);
                case "systempaths" -> {
                    if (!kv[1].equals(UNCONFINED)) {
                        throw invalid(option);
                    }
                    systemPaths = true;
                }
                default -> throw invalid(option);
            }
        }
        return new SecurityOptions(seccomp, noNewPrivileges, systemPaths, writableCgroups, apparmor, labels);
    }

    public boolean seccompUnconfined() {
        return seccomp.filter(UNCONFINED::equals).isPresent();
    }

    private static String[] split(String option) {
        int eq = option.indexOf('=');
        int colon = option.indexOf(':');
        int at = eq >= 0 ? eq : colon;
        if (at <= 0) {
            throw invalid(option);
        }
        return new String[] {option.substring(0, at), option.substring(at + 1)};
    }

    private static boolean bool(String option, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidArgumentException("invalid --security-opt " + option + ": must be true or false");
        };
    }

    private static InvalidArgumentException invalid(String option) {
        return new InvalidArgumentException("Invalid --security-opt: \"" + option + "\"");
    }
}
