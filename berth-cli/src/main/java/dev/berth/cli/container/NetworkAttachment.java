package dev.berth.cli.container;

import dev.berth.cli.format.GoNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One {@code --network} flag, in docker's short form ({@code --network my-net}) or its long form
 * ({@code --network name=my-net,alias=web,ip=10.1.0.7,driver-opt=k=v}), as docker's NetworkOpt
 * reads it — including its habit of lowercasing every field of the long form.
 *
 * <p>Use: {@code NetworkAttachment.parse("name=n1,alias=x").target()} is {@code n1}.
 */
record NetworkAttachment(String target, List<String> aliases, Map<String, String> driverOpts, List<String> links, String ipv4,
                         String ipv6, List<String> linkLocalIps, String macAddress, long gwPriority) {
    private static final Pattern LONG_SYNTAX = Pattern.compile("\\w+=\\w+(,\\w+=\\w+)*");

    static NetworkAttachment named(String target) {
        return new NetworkAttachment(target, List.of(), Map.of(), List.of(), "", "", List.of(), "", 0);
    }

    /** Throws IllegalArgumentException with NetworkOpt's message, which docker shows as a flag error. */
    static NetworkAttachment parse(String value) {
        if (!LONG_SYNTAX.matcher(value).find()) {
            return named(value);
        }
        String target = "";
        List<String> aliases = new ArrayList<>();
        Map<String, String> driverOpts = new TreeMap<>();
        String ipv4 = "";
        String ipv6 = "";
        List<String> linkLocal = new ArrayList<>();
        String mac = "";
        long priority = 0;
        for (String field : csvFields(value)) {
            String lower = field.toLowerCase(Locale.ROOT);
            int eq = lower.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid field " + field);
            }
            String key = lower.substring(0, eq).strip();
            String val = lower.substring(eq + 1).strip();
            switch (key) {
                case "name" -> target = val;
                case "alias" -> aliases.add(val);
                case "ip" -> ipv4 = val;
                case "ip6" -> ipv6 = val;
                case "mac-address" -> mac = val;
                case "link-local-ip" -> linkLocal.add(val);
                case "driver-opt" -> {
                    int opt = val.indexOf('=');
                    if (opt <= 0) {
                        throw new IllegalArgumentException("invalid key value pair format in driver options");
                    }
                    driverOpts.put(val.substring(0, opt).strip(), val.substring(opt + 1).strip());
                }
                case "gw-priority" -> {
                    try {
                        priority = GoNumbers.parseInt(val);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid gw-priority (" + val + "): " + GoNumbers.reason(e));
                    }
                }
                default -> throw new IllegalArgumentException("invalid field key " + key);
            }
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("network name/id is not specified");
        }
        return new NetworkAttachment(target, aliases, driverOpts, List.of(), ipv4, ipv6, linkLocal, mac, priority);
    }

    /** One CSV record, as Go's encoding/csv reads it: commas split fields, double quotes protect them. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"' && (quoted || field.isEmpty())) {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** docker's NetworkMode.IsUserDefined: not one of the built-in modes. */
    boolean isUserDefined() {
        return !List.of("default", "bridge", "host", "none").contains(target) && !target.startsWith("container:");
    }

    NetworkAttachment withLegacyFlags(List<String> aliasFlags, List<String> linkFlags, String ip, String ip6, String mac,
                                      List<String> linkLocalFlags) {
        return new NetworkAttachment(target, aliasFlags.isEmpty() ? aliases : aliasFlags,
                driverOpts, isUserDefined() && !linkFlags.isEmpty() ? linkFlags : links, ip.isEmpty() ? ipv4 : ip,
                ip6.isEmpty() ? ipv6 : ip6, linkLocalFlags.isEmpty() ? linkLocalIps : linkLocalFlags, mac.isEmpty() ? macAddress : mac,
                gwPriority);
    }
}
