package dev.berth.network.bridge;

import dev.berth.linux.Command;
import dev.berth.linux.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * iproute2 in batches: one {@code ip -batch -} per step, on the host or (through nsenter) inside a
 * sandbox, so setting up an endpoint costs two short-lived processes rather than a dozen.
 */
public final class IpRoute {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private IpRoute() {
    }

    /** Runs the lines as one batch on the host; the first failing line fails the batch. */
    public static void host(List<String> lines) throws IOException {
        batch(List.of("ip", "-batch", "-"), lines);
    }

    /** Runs the lines as one batch inside the network namespace bound at {@code netns}. */
    public static void in(Path netns, List<String> lines) throws IOException {
        batch(List.of("nsenter", "--net=" + netns, "ip", "-batch", "-"), lines);
    }

    /** One plain {@code ip} command on the host, whose output is returned. */
    public static String query(String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        return Command.of(argv).timeout(TIMEOUT).run().check().stdout();
    }

    /** The addresses on a host link as {@code ADDR/PREFIX}, IPv4 and IPv6, in the order {@code ip} lists them. */
    public static List<String> addresses(String link) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String line : query("-o", "addr", "show", "dev", link).split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("inet") || f[i].equals("inet6")) {
                    out.add(f[i + 1]);
                }
            }
        }
        return out;
    }

    /** True when the host has a link of that name. */
    public static boolean linkExists(String name) {
        return java.nio.file.Files.exists(Path.of("/sys/class/net", name));
    }

    private static void batch(List<String> argv, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        String script = String.join("\n", lines) + "\n";
        CommandResult r = Command.of(argv).stdin(script.getBytes(StandardCharsets.UTF_8)).timeout(TIMEOUT).run();
        if (!r.succeeded()) {
            throw new IOException("ip: " + firstLine(r.stderr()) + " (in: " + script.strip().replace('\n', ';') + ")");
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
