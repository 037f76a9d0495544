package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.spec.ProcessUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OCI {@code process} of an exec, made from the container's own process (so rlimits, AppArmor,
 * no-new-privileges and the capability set carry over, as in dockerd) with the exec's command,
 * environment, user, working directory and terminal.
 */
final class ExecProcessSpec {
    private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecProcessSpec() {
    }

    /**
     * @param containerProcess the {@code process} object of the container's config.json
     * @param users            resolves an exec's {@code -u} against the container's rootfs
     * @param allCapabilities  what {@code --privileged} grants on this host
     */
    static ObjectNode of(JsonNode containerProcess, ContainerRecord r, ExecConfig exec, Optional<ExecConfig.ConsoleSize> size,
                         Function<String, ProcessUser> users, List<String> allCapabilities) {
        ObjectNode p = containerProcess.deepCopy();
        p.put("terminal", exec.tty());
        ArrayNode args = p.putArray("args");
        exec.cmd().forEach(args::add);
        ArrayNode env = p.putArray("env");
        environment(r, exec).forEach(env::add);
        String cwd = exec.workingDir().isEmpty() ? r.config().workingDir() : exec.workingDir();
        p.put("cwd", cwd == null || cwd.isEmpty() ? "/" : cwd);
        if (!exec.user().isEmpty()) {
            ProcessUser u = users.apply(exec.user());
            ObjectNode user = p.putObject("user");
            user.put("uid", u.uid());
            user.put("gid", u.gid());
            ArrayNode gids = user.putArray("additionalGids");
            u.additionalGids().forEach(gids::add);
        }
        if (exec.privileged()) {
            ObjectNode caps = p.putObject("capabilities");
            for (String set : List.of("bounding", "effective", "permitted")) {
                ArrayNode a = caps.putArray(set);
                allCapabilities.forEach(a::add);
            }
        }
        p.remove("consoleSize");
        if (exec.tty()) {
            size.ifPresent(s -> p.putObject("consoleSize").put("height", s.rows()).put("width", s.cols()));
        }
        return p;
    }

    /** dockerd's order: PATH, HOSTNAME, TERM for a TTY exec, then the container's env, then the exec's, later winning. */
    static List<String> environment(ContainerRecord r, ExecConfig exec) {
        Map<String, String> byName = new LinkedHashMap<>();
        put(byName, DEFAULT_PATH);
        put(byName, "HOSTNAME=" + r.config().hostname());
        if (exec.tty()) {
            put(byName, "TERM=xterm");
        }
        if (r.config().env() != null) {
            r.config().env().forEach(e -> put(byName, e));
        }
        exec.env().forEach(e -> put(byName, e));
        return List.copyOf(byName.values());
    }

    private static void put(Map<String, String> byName, String entry) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            byName.remove(entry);
        } else {
            byName.put(entry.substring(0, eq), entry);
        }
    }
}
