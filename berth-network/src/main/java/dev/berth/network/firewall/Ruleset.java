package dev.berth.network.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * The nftables script for berthd's whole table, made from the model alone. Applying it replaces the
 * table in one transaction ({@code nft -f}), so every change is atomic and a restart rebuilds the same
 * rules from stored state.
 */
public final class Ruleset {
    private Ruleset() {
    }

    /** A script that creates or replaces {@code inet TABLE} with the model's rules. */
    public static String replace(String table, FirewallModel m) {
        StringBuilder s = new StringBuilder();
        s.append("table inet ").append(table).append('\n');
        s.append("delete table inet ").append(table).append('\n');
        s.append("table inet ").append(table).append(" {\n");
        chain(s, "prerouting", "type nat hook prerouting priority dstnat; policy accept;",
                List.of("fib daddr type local jump published"));
        chain(s, "output", "type nat hook output priority -100; policy accept;",
                List.of("fib daddr type local jump published"));
        chain(s, "published", null, published(m));
        chain(s, "postrouting", "type nat hook postrouting priority srcnat; policy accept;", postrouting(m));
        chain(s, "forward", "type filter hook forward priority filter; policy accept;", forward(m));
        s.append("}\n");
        return s.toString();
    }

    /** A script that removes the table (nothing of berthd's is left in the firewall). */
    public static String delete(String table) {
        return "table inet " + table + "\ndelete table inet " + table + "\n";
    }

    private static List<String> published(FirewallModel m) {
        List<String> out = new ArrayList<>();
        for (FirewallModel.PortForward p : m.ports()) {
            StringBuilder r = new StringBuilder();
            if (!p.hostIp().isEmpty() && !p.hostIp().equals("0.0.0.0")) {
                r.append("ip daddr ").append(p.hostIp()).append(' ');
            }
            r.append(p.proto()).append(" dport ").append(p.hostPort())
                    .append(" dnat ip to ").append(p.containerIp()).append(':').append(p.containerPort());
            out.add(r.toString());
        }
        return out;
    }

    private static List<String> postrouting(FirewallModel m) {
        List<String> out = new ArrayList<>();
        for (FirewallModel.Bridge b : m.bridges()) {
            String br = quote(b.name());
            if (b.masquerade() && !b.internal()) {
                for (String net : b.subnets4()) {
                    out.add("oifname != " + br + " ip saddr " + net + " masquerade");
                }
                for (String net : b.subnets6()) {
                    out.add("oifname != " + br + " ip6 saddr " + net + " masquerade");
                }
            }
            // Ports published on 127.0.0.1 and hairpin traffic (a container to its own published port) need
            // the reply to come back through the host, so the source becomes the bridge address.
            out.add("oifname " + br + " ip saddr 127.0.0.0/8 masquerade");
            for (String net : b.subnets4()) {
                out.add("oifname " + br + " ct status dnat ip saddr " + net + " masquerade");
            }
        }
        return out;
    }

    private static List<String> forward(FirewallModel m) {
        List<String> out = new ArrayList<>();
        out.add("ct state established,related accept");
        List<String> names = m.bridges().stream().map(b -> quote(b.name())).toList();
        for (FirewallModel.Bridge b : m.bridges()) {
            String br = quote(b.name());
            List<String> others = names.stream().filter(n -> !n.equals(br)).toList();
            if (!others.isEmpty()) {
                out.add("iifname " + br + " oifname { " + String.join(", ", others) + " } drop");
            }
            if (b.internal()) {
                out.add("iifname " + br + " oifname != " + br + " drop");
                out.add("oifname " + br + " iifname != " + br + " drop");
            }
            if (!b.icc()) {
                for (FirewallModel.LinkRule l : m.links()) {
                    if (l.bridge().equals(b.name())) {
                        out.add("iifname " + br + " oifname " + br + " ip saddr " + l.from() + " ip daddr " + l.to() + " "
                                + l.proto() + " dport " + l.port() + " accept");
                    }
                }
                out.add("iifname " + br + " oifname " + br + " drop");
            }
        }
        return out;
    }

    private static void chain(StringBuilder s, String name, String hook, List<String> rules) {
        s.append("  chain ").append(name).append(" {\n");
        if (hook != null) {
            s.append("    ").append(hook).append('\n');
        }
        for (String r : rules) {
            s.append("    ").append(r).append('\n');
        }
        s.append("  }\n");
    }

    private static String quote(String ifName) {
        return "\"" + ifName + "\"";
    }
}
