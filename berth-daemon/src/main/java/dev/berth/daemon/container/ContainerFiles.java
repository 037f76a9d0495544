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

    public static void write(Path dir, String hostname, List<String> extraHosts, List<String> dns,
                             List<String> dnsSearch, List<String> dnsOptions) throws IOException {
        var readable = PosixFilePermissions.fromString("rw-r--r--");
        AtomicFiles.write(hostname(dir), (hostname + "\n").getBytes(StandardCharsets.UTF_8), readable);
        StringBuilder hosts = new StringBuilder("""
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                ff00::0\tip6-mcastprefix
                ff02::1\tip6-allnodes
                ff02::2\tip6-allrouters
                """);
        for (String h : extraHosts) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                hosts.append(h.substring(colon + 1)).append('\t').append(h, 0, colon).append('\n');
            }
        }
        AtomicFiles.write(hosts(dir), hosts.toString().getBytes(StandardCharsets.UTF_8), readable);
        AtomicFiles.write(resolvConf(dir), resolvConf(dns, dnsSearch, dnsOptions).getBytes(StandardCharsets.UTF_8), readable);
    }

    /** The host's resolv.conf, or the given servers, search domains and options in its place. */
    private static String resolvConf(List<String> dns, List<String> search, List<String> options) throws IOException {
        Path host = Path.of("/etc/resolv.conf");
        List<String> lines = Files.exists(host) ? Files.readAllLines(host) : List.of();
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            String t = l.strip();
            boolean replaced = (t.startsWith("nameserver") && !dns.isEmpty()) || (t.startsWith("search") && !search.isEmpty())
                    || (t.startsWith("options") && !options.isEmpty());
            if (!replaced) {
                out.append(l).append('\n');
            }
        }
        dns.forEach(d -> out.append("nameserver ").append(d).append('\n'));
        if (!search.isEmpty()) {
            out.append("search ").append(String.join(" ", search)).append('\n');
        }
        if (!options.isEmpty()) {
            out.append("options ").append(String.join(" ", options)).append('\n');
        }
        return out.toString();
    }
}
