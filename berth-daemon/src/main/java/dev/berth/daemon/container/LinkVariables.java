package dev.berth.daemon.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The environment a legacy link gives: {@code ALIAS_NAME}, {@code ALIAS_PORT…} for each exposed port and
 * {@code ALIAS_ENV_…} for the linked container's own variables, as Docker writes them.
 */
final class LinkVariables {
    private LinkVariables() {
    }

    static List<String> of(String alias, String ownName, ContainerRecord peer, String ip) {
        String prefix = alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        List<String> env = new ArrayList<>();
        env.add(prefix + "_NAME=/" + ownName + "/" + alias);
        List<String> ports = ContainerNetworking.exposed(peer);
        if (!ports.isEmpty()) {
            String[] first = ports.getFirst().split("/");
            env.add(prefix + "_PORT=" + proto(first) + "://" + ip + ":" + first[0]);
        }
        for (String p : ports) {
            String[] pp = p.split("/");
            String proto = proto(pp);
            String base = prefix + "_PORT_" + pp[0] + "_" + proto.toUpperCase(Locale.ROOT);
            env.add(base + "=" + proto + "://" + ip + ":" + pp[0]);
            env.add(base + "_ADDR=" + ip);
            env.add(base + "_PORT=" + pp[0]);
            env.add(base + "_PROTO=" + proto);
        }
        if (peer.config().env() != null) {
            for (String e : peer.config().env()) {
                int eq = e.indexOf('=');
                String name = eq < 0 ? e : e.substring(0, eq);
                if (name.equals("HOME") || name.equals("PATH") || name.equals("HOSTNAME")) {
                    continue;
                }
                env.add(prefix + "_ENV_" + e);
            }
        }
        return env;
    }

    private static String proto(String[] port) {
        return port.length > 1 ? port[1] : "tcp";
    }
}
