package dev.berth.runtime.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The options of {@link SpecBuilder} that shape {@code process}: what runs, as whom, with which privileges. */
final class ProcessOptions {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String INIT_PATH = "/sbin/docker-init";
    private static final Set<String> RLIMITS = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private ProcessOptions() {
    }

    static void withRoot(ContainerSpec in, HostFacts host, ObjectNode spec) {
        spec.withObjectProperty("root").put("path", in.rootfs().toString());
    }

    static void withProcess(ContainerSpec in, HostFacts host, ObjectNode spec) {
        if (in.args().isEmpty()) {
            throw new InvalidArgumentException("no command specified");
        }
        String cwd = in.cwd() == null || in.cwd().isEmpty() ? "/" : in.cwd();
        if (!cwd.startsWith("/")) {
            throw new InvalidArgumentException("the working directory '" + cwd + "' is invalid, it needs to be an absolute path");
        }
        ObjectNode process = spec.withObjectProperty("process");
        process.put("terminal", in.terminal());
        DefaultSpec.strings(process.putArray("args"), in.args());
        DefaultSpec.strings(process.putArray("env"), environment(in));
        process.put("cwd", cwd);
    }

    /** Docker's order: PATH, HOSTNAME, TERM with a TTY; the container's own env replaces or unsets them. */
    static List<String> environment(ContainerSpec in) {
        List<String> defaults = new ArrayList<>(List.of(DEFAULT_PATH, "HOSTNAME=" + in.hostname()));
        if (in.terminal()) {
            defaults.add("TERM=xterm");
        }
        Map<String, String> byName = new LinkedHashMap<>();
        defaults.forEach(e -> byName.put(e.substring(0, e.indexOf('=')), e));
        for (String e : in.env()) {
            int eq = e.indexOf('=');
            if (eq < 0) {
                byName.remove(e);
            } else {
                byName.put(e.substring(0, eq), e);
            }
        }
        return List.copyOf(byName.values());
    }

    /** {@code --init}: a tiny init reaps zombies and forwards signals, which most programs do not do as PID 1. */
    static void withInit(ContainerSpec in, HostFacts host, ObjectNode spec) {
        // Only in a private PID namespace: elsewhere PID 1 is already someone's init.
        if (in.init().isEmpty() || !in.namespaces().pid().kind().equals("private")) {
            return;
        }
        ArrayNode args = spec.withObjectProperty("process").putArray("args");
        args.add(INIT_PATH).add("--");
        DefaultSpec.strings(args, in.args());
        spec.withArrayProperty("mounts").add(DefaultSpec.mount(INIT_PATH, "bind", in.init().get().toString(), "bind", "ro"));
    }

    static void withHostname(ContainerSpec in, HostFacts host, ObjectNode spec) {
        boolean hostUts = in.namespaces().uts().kind().equals("host");
        spec.put("hostname", hostUts ? "" : in.hostname());
    }

    static void withUser(ContainerSpec in, HostFacts host, ObjectNode spec) {
        ProcessUser user = UserResolver.resolve(in.rootfs(), in.user() == null ? "" : in.user(), in.groupAdd());
        ObjectNode node = spec.withObjectProperty("process").putObject("user");
        node.put("uid", user.uid());
        node.put("gid", user.gid());
        ArrayNode gids = node.putArray("additionalGids");
        user.additionalGids().forEach(gids::add);
    }

    static void withRlimits(ContainerSpec in, HostFacts host, ObjectNode spec) {
        if (in.ulimits().isEmpty()) {
            return;
        }
        ArrayNode rlimits = spec.withObjectProperty("process").putArray("rlimits");
        for (ContainerSpec.Ulimit u : in.ulimits()) {
            if (!RLIMITS.contains(u.name())) {
                throw new InvalidArgumentException("invalid ulimit type: " + u.name());
            }
            if (u.soft() > u.hard()) {
                throw new InvalidArgumentException("ulimit soft limit must be less than or equal to hard limit: "
                        + u.soft() + " > " + u.hard());
            }
            rlimits.addObject().put("type", "RLIMIT_" + u.name().toUpperCase(Locale.ROOT))
                    .put("hard", u.hard()).put("soft", u.soft());
        }
    }

    static void withCapabilities(ContainerSpec in, HostFacts host, ObjectNode spec) {
        List<String> caps = Capabilities.resolve(in.capAdd(), in.capDrop(), in.privileged(), host.allCapabilities());
        ObjectNode node = spec.withObjectProperty("process").putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            DefaultSpec.strings(node.putArray(set), caps);
        }
    }

    /** Off unless asked, as in Docker: set-id programs (su, ping on old images) keep working. */
    static void withNoNewPrivileges(ContainerSpec in, HostFacts host, ObjectNode spec) {
        if (SecurityOptions.parse(in.securityOpt()).noNewPrivileges()) {
            spec.withObjectProperty("process").put("noNewPrivileges", true);
        }
    }

    /** A named AppArmor profile, where AppArmor runs; berth loads no profile of its own. */
    static void withApparmor(ContainerSpec in, HostFacts host, ObjectNode spec) {
        SecurityOptions.parse(in.securityOpt()).apparmor()
                .filter(p -> host.apparmor())
                .ifPresent(p -> spec.withObjectProperty("process").put("apparmorProfile", p));
    }

    static void withOomScoreAdj(ContainerSpec in, HostFacts host, ObjectNode spec) {
        spec.withObjectProperty("process").put("oomScoreAdj", in.oomScoreAdj());
    }
}
