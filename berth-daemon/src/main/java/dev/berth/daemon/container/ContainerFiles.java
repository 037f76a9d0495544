package dev.berth.daemon.container;

import dev.berth.linux.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The container's {@code /etc/hostname}, {@code /etc/hosts} and {@code /etc/resolv.conf}, kept in its
 * directory and bind-mounted in. The networking layer rewrites hosts and resolv.conf once it gives
 * the container addresses and DNS.
 */
public final class ContainerFiles {
    private ContainerFiles() {
    }

    public static Path hostname(Path dir) {
        return dir.resolve("hostname");
    }

    public static Path hosts(Path dir) {
        return dir.resolve("hosts");
    }

    public static Path resolvConf(Path dir) {
        return dir.resolve("resolv.conf");
    }

    /** The three files as a new container gets them; the network's set-up rewrites hosts and resolv.conf at start. */
    public static void write(Path dir, String hostname, List<String> extraHosts, boolean hostNetwork, List<String> dns,
                             List<String> dnsSearch, List<String> dnsOptions) throws IOException {
        AtomicFiles.write(hostname(dir), (hostname + "\n").getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
        writeHosts(dir, hostname, List.of(), extraHosts);
        writeResolvConf(dir, false, hostNetwork, dns, dnsSearch, dnsOptions);
    }

    /** /etc/hosts with the container's own address and name, its links' aliases and {@code --add-host}s. */
    public static void writeHosts(Path dir, String hostname, List<String> ownIps, List<String> extraHosts) throws IOException {
        writeHosts(dir, hostname, ownIps, extraHosts, List.of());
    }

    public static void writeHosts(Path dir, String hostname, List<String> ownIps, List<String> extraHosts,
                                  List<String[]> linkHosts) throws IOException {
        StringBuilder hosts = new StringBuilder("""
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                ff00::0\tip6-mcastprefix
                ff02::1\tip6-allnodes
                ff02::2\tip6-allrouters
                """);
        for (String[] l : linkHosts) {
            hosts.append(l[0]).append('\t').append(l[1]).append('\n');
        }
        for (String h : extraHosts) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                hosts.append(h.substring(colon + 1)).append('\t').append(h, 0, colon).append('\n');
            }
        }
        for (String ip : ownIps) {
            hosts.append(ip).append('\t').append(hostname).append('\n');
        }
        AtomicFiles.write(hosts(dir), hosts.toString().getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * /etc/resolv.conf: the embedded resolver (127.0.0.11) on user-defined networks; else the given servers,
     * or the host's without loopback ones (unreachable from the container), or Google's when none is left.
     *
     * @param hostNetwork the container shares the host's network, where the host's loopback servers answer
     */
    public static void writeResolvConf(Path dir, boolean embedded, boolean hostNetwork, List<String> dns,
                                       List<String> search, List<String> options) throws IOException {
        HostResolvConf host = HostResolvConf.read();
        StringBuilder out = new StringBuilder();
        List<String> servers;
        if (embedded) {
            servers = List.of("127.0.0.11");
        } else if (!dns.isEmpty()) {
            servers = dns;
        } else {
            servers = host.nameservers().stream()
                    .filter(n -> hostNetwork || !n.startsWith("127.") && !n.equals("::1")).toList();
            if (servers.isEmpty()) {
                servers = List.of("8.8.8.8", "8.8.4.4");
            }
        }
        servers.forEach(d -> out.append("nameserver ").append(d).append('\n'));
        List<String> s = search.isEmpty() ? host.search() : search;
        if (!s.isEmpty()) {
            out.append("search ").append(String.join(" ", s)).append('\n');
        }
        List<String> o = new java.util.ArrayList<>(options.isEmpty() ? host.options() : options);
        if (embedded && o.stream().noneMatch(x -> x.startsWith("ndots"))) {
            o.add("ndots:0");
        }
        if (!o.isEmpty()) {
            out.append("options ").append(String.join(" ", o)).append('\n');
        }
        AtomicFiles.write(resolvConf(dir), out.toString().getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** The host's resolver settings. */
    public record HostResolvConf(List<String> nameservers, List<String> search, List<String> options) {
        public static HostResolvConf read() throws IOException {
            Path p = Path.of("/etc/resolv.conf");
            List<String> ns = new java.util.ArrayList<>();
            List<String> search = new java.util.ArrayList<>();
            List<String> opts = new java.util.ArrayList<>();
            if (Files.exists(p)) {
                for (String l : Files.readAllLines(p)) {
                    String[] f = l.strip().split("\\s+");
                    if (f.length < 2 || f[0].startsWith("#")) {
                        continue;
                    }
                    List<String> rest = List.of(f).subList(1, f.length);
                    switch (f[0]) {
                        case "nameserver" -> ns.add(f[1]);
                        case "search", "domain" -> {
                            search.clear();
                            search.addAll(rest);
                        }
                        case "options" -> opts.addAll(rest);
                        default -> { }
                    }
                }
            }
            return new HostResolvConf(ns, search, opts);
        }
    }
}
