package dev.berth.image.mutate;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.oci.ContainerConfig;
import dev.berth.oci.GoDuration;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies Dockerfile instructions given as {@code --change} (import, commit) to a container config:
 * CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR.
 */
public final class ConfigChanges {
    private static final Set<String> ALLOWED = Set.of("cmd", "entrypoint", "env", "expose", "healthcheck",
            "label", "onbuild", "stopsignal", "user", "volume", "workdir");

    private ConfigChanges() {
    }

    public static ContainerConfig apply(ContainerConfig base, List<String> changes) {
        ContainerConfig current = base;
        for (String change : changes) {
            for (String line : change.split("\n")) {
                if (!line.isBlank()) {
                    current = applyOne(current, line.strip());
                }
            }
        }
        return current;
    }

    private static ContainerConfig applyOne(ContainerConfig c, String line) {
        int sp = indexOfSpace(line);
        String word = sp < 0 ? line : line.substring(0, sp);
        String args = sp < 0 ? "" : line.substring(sp).strip();
        String op = word.toLowerCase(Locale.ROOT);
        if (!ALLOWED.contains(op)) {
            throw new InvalidArgumentException(word + " is not a valid change command");
        }
        ContainerConfig.Builder b = c.toBuilder();
        switch (op) {
            case "cmd" -> b.cmd(commandForm(args));
            case "entrypoint" -> b.entrypoint(commandForm(args));
            case "env" -> b.env(mergeEnv(c.env(), keyValues(args, "ENV")));
            case "label" -> b.labels(mergeMap(c.labels(), keyValues(args, "LABEL")));
            case "expose" -> b.exposedPorts(expose(c.exposedPorts(), args));
            case "volume" -> b.volumes(volumes(c.volumes(), args));
            case "user" -> b.user(required(args, "USER"));
            case "workdir" -> b.workingDir(workdir(c.workingDir(), required(args, "WORKDIR")));
            case "stopsignal" -> b.stopSignal(required(args, "STOPSIGNAL"));
            case "onbuild" -> b.onBuild(append(c.onBuild(), required(args, "ONBUILD")));
            case "healthcheck" -> b.healthcheck(Healthchecks.parse(args));
            default -> throw new IllegalStateException(op);
        }
        return b.build();
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String required(String args, String instruction) {
        if (args.isEmpty()) {
            throw new InvalidArgumentException(instruction + " requires exactly one argument");
        }
        return args;
    }

    /** JSON array form as is; shell form runs under {@code /bin/sh -c}. */
    static List<String> commandForm(String args) {
        if (args.startsWith("[")) {
            try {
                return OciJson.mapper().readValue(args, new TypeReference<List<String>>() { });
            } catch (IOException notJson) {
                // Docker treats a malformed JSON form as shell form
            }
        }
        return List.of("/bin/sh", "-c", args);
    }

    /** {@code k=v k2="v 2"} pairs, or the legacy {@code KEY value with spaces} form. */
    static Map<String, String> keyValues(String args, String instruction) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> words = ShellWords.split(args);
        if (words.isEmpty()) {
            throw new InvalidArgumentException(instruction + " requires at least one argument");
        }
        if (!words.getFirst().contains("=")) {
            int sp = indexOfSpace(args);
            if (sp < 0) {
                throw new InvalidArgumentException(instruction + " must have two arguments");
            }
            out.put(args.substring(0, sp), ShellWords.unquote(args.substring(sp).strip()));
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new InvalidArgumentException("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
            }
            out.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return out;
    }

    private static List<String> mergeEnv(List<String> env, Map<String, String> set) {
        List<String> out = new ArrayList<>(env == null ? List.of() : env);
        set.forEach((k, v) -> {
            out.removeIf(e -> e.equals(k) || e.startsWith(k + "="));
            out.add(k + "=" + v);
        });
        return out;
    }

    private static Map<String, String> mergeMap(Map<String, String> m, Map<String, String> set) {
        Map<String, String> out = new LinkedHashMap<>(m == null ? Map.of() : m);
        out.putAll(set);
        return out;
    }

    private static Map<String, Map<String, Object>> expose(Map<String, Map<String, Object>> ports, String args) {
        Map<String, Map<String, Object>> out = new TreeMap<>(ports == null ? Map.of() : ports);
        for (String spec : ShellWords.split(required(args, "EXPOSE"))) {
            String proto = "tcp";
            String range = spec;
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
                range = spec.substring(0, slash);
            }
            if (!Set.of("tcp", "udp", "sctp").contains(proto)) {
                throw new InvalidArgumentException("invalid proto: " + proto);
            }
            String[] ends = range.split("-", 2);
            int from = port(ends[0], spec);
            int to = ends.length == 2 ? port(ends[1], spec) : from;
            if (to < from) {
                throw new InvalidArgumentException("invalid range specified for port: " + spec);
            }
            for (int p = from; p <= to; p++) {
                out.put(p + "/" + proto, Map.of());
            }
        }
        return out;
    }

    private static int port(String s, String spec) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidArgumentException("invalid containerPort: " + spec);
    }

    private static Map<String, Map<String, Object>> volumes(Map<String, Map<String, Object>> vols, String args) {
        Map<String, Map<String, Object>> out = new TreeMap<>(vols == null ? Map.of() : vols);
        List<String> paths = args.startsWith("[") ? commandFormOrFail(args) : ShellWords.split(args);
        if (paths.isEmpty()) {
            throw new InvalidArgumentException("VOLUME specified can not be an empty string");
        }
        for (String p : paths) {
            if (p.isBlank()) {
                throw new InvalidArgumentException("VOLUME specified can not be an empty string");
            }
            out.put(p, Map.of());
        }
        return out;
    }

    private static List<String> commandFormOrFail(String args) {
        List<String> l = commandForm(args);
        return l.size() == 3 && l.get(0).equals("/bin/sh") && l.get(2).equals(args) ? ShellWords.split(args) : l;
    }

    private static String workdir(String current, String dir) {
        if (dir.startsWith("/") || current == null || current.isEmpty()) {
            return dir.startsWith("/") ? dir : "/" + dir;
        }
        return java.nio.file.Path.of(current).resolve(dir).normalize().toString();
    }

    private static List<String> append(List<String> list, String v) {
        List<String> out = new ArrayList<>(list == null ? List.of() : list);
        out.add(v);
        return out;
    }

    /** HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--retries=N] CMD …, or NONE. */
    static final class Healthchecks {
        private Healthchecks() {
        }

        static ContainerConfig.Healthcheck parse(String args) {
            if (args.equalsIgnoreCase("none")) {
                return new ContainerConfig.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0);
            }
            long interval = 0, timeout = 0, start = 0, startInterval = 0;
            int retries = 0;
            String rest = args;
            while (rest.startsWith("--")) {
                int sp = indexOfSpace(rest);
                String flag = sp < 0 ? rest : rest.substring(0, sp);
                rest = sp < 0 ? "" : rest.substring(sp).strip();
                String[] kv = flag.substring(2).split("=", 2);
                String v = kv.length == 2 ? kv[1] : "";
                switch (kv[0]) {
                    case "interval" -> interval = duration(v);
                    case "timeout" -> timeout = duration(v);
                    case "start-period" -> start = duration(v);
                    case "start-interval" -> startInterval = duration(v);
                    case "retries" -> retries = Integer.parseInt(v);
                    default -> throw new InvalidArgumentException("Unknown flag: " + kv[0]);
                }
            }
            int sp = indexOfSpace(rest);
            if (sp < 0 || !rest.substring(0, sp).equalsIgnoreCase("cmd")) {
                throw new InvalidArgumentException("Unknown type \"" + rest + "\" in HEALTHCHECK (try CMD)");
            }
            List<String> cmd = commandForm(rest.substring(sp).strip());
            List<String> test = new ArrayList<>();
            if (cmd.size() == 3 && cmd.get(0).equals("/bin/sh") && cmd.get(1).equals("-c")) {
                test.add("CMD-SHELL");
                test.add(cmd.get(2));
            } else {
                test.add("CMD");
                test.addAll(cmd);
            }
            return new ContainerConfig.Healthcheck(test, interval, timeout, start, startInterval, retries);
        }

        static long duration(String s) {
            return GoDuration.parseNanos(s);
        }
    }
}
