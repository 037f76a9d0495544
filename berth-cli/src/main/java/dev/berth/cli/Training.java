package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run that bin/launch records into the CLI's AOT cache ({@code -XX:AOTCacheOutput}): every
 * command, through {@link Berth#run} as a user's call goes, against {@link TrainingReplies}
 * instead of a daemon — parsing, the client, Jackson, templates, tables, error replies, help
 * texts, usage errors and a daemon that is not there. What it loads and links here, a real call
 * finds ready in the cache.
 *
 * <p>Use: {@code java -XX:AOTCacheOutput=berth-cli.aot -cp CLASSPATH dev.berth.cli.Training}.
 * A command that does not exit as expected is named on stderr but still leaves a useful cache, so
 * the exit code is 0; TrainingTest is what insists that every command trains cleanly.
 */
public final class Training {
    /** A hung training would hang the user's first command: bin/launch then runs without a cache. */
    private static final long LIMIT_MILLIS = 60_000;

    private Training() {
    }

    public static void main(String[] args) throws IOException {
        Thread.ofPlatform().daemon().start(Training::haltWhenOverdue);
        Path dir = Files.createTempDirectory("berth-training");
        try (TrainingReplies replies = TrainingReplies.serve(dir.resolve("d.sock"))) {
            int failures = train(replies.host().toString(), dir);
            System.err.println("training: " + failures + " unexpected exit codes");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** Runs every command; returns how many of those expected to succeed did not. */
    static int train(String host, Path dir) {
        int failures = 0;
        for (List<String> command : working(dir)) {
            failures += expect(true, run(host, dir, command), command);
        }
        for (List<String> command : failing(dir)) {
            failures += expect(false, run(host, dir, command), command);
        }
        return failures;
    }

    /** 1, said on stderr (which bin/launch discards, and a developer running this by hand reads), when the exit code is not the expected kind. */
    private static int expect(boolean success, int status, List<String> command) {
        if ((status == 0) == success) {
            return 0;
        }
        System.err.println("training: berth " + String.join(" ", command) + " exited " + status);
        return 1;
    }

    /** Calls a working daemon answers with exit code 0. */
    static List<List<String>> working(Path dir) {
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of("version"), List.of("version", "--format", "{{json .}}"), List.of("version", "-f", "{{.Server.Version}}"),
                List.of("info"), List.of("info", "--format", "{{json .}}"), List.of("system", "info", "-f", "{{.ID}} {{.Images}}"),
                List.of("images"), List.of("images", "-a", "--digests"), List.of("images", "-q"), List.of("images", "--no-trunc", "busybox"),
                List.of("images", "--format", "{{.Repository}}:{{.Tag}}\t{{.Size}}"), List.of("images", "--format", "json"),
                List.of("image", "ls", "--filter", "dangling=false", "--format", "table {{.ID}}\t{{.CreatedAt}}"),
                List.of("history", "busybox"), List.of("history", "--no-trunc", "-H=false", "busybox"),
                List.of("image", "history", "-q", "busybox"), List.of("history", "--format", "{{.ID}} {{.CreatedBy | printf \"%.10s\"}}", "busybox"),
                List.of("image", "inspect", "busybox"), List.of("image", "inspect", "-f", "{{.Id}} {{index .RepoTags 0}}", "busybox"),
                List.of("system", "df"), List.of("system", "df", "--format", "{{.Type}} {{.Size}}"),
                List.of("events", "--since", "1795840001", "--until", "1795840009"),
                List.of("system", "events", "--until", "1795840009", "--format", "{{json .}}", "--filter", "type=container"),
                List.of("tag", "busybox", "busybox:copy"), List.of("rmi", "busybox:copy"), List.of("image", "prune", "-f"),
                List.of("import", "-", "imported:latest"), List.of("load"), List.of("save", "busybox"),
                List.of("save", "-o", dir.resolve("saved.tar").toString(), "busybox"),
                List.of("pull", "127.0.0.1:5551/busybox"), List.of("image", "pull", "-q", "busybox:latest"),
                List.of("push", "127.0.0.1:5551/busybox"), List.of("login", "-u", "user", "-p", "secret", "127.0.0.1:5551"),
                List.of("logout", "127.0.0.1:5551"), List.of("--version"), List.of("--help")));
        commands.addAll(containers(dir));
        commands.addAll(volumes());
        commands.addAll(networks());
        for (String name : CommandCatalog.TOP_LEVEL) {
            commands.add(List.of(name, "--help"));
            for (String sub : CommandCatalog.subcommands(name)) {
                commands.add(List.of(name, sub, "--help"));
            }
        }
        return commands;
    }

    /** The container commands, with the flags people use, against a container that is running. */
    static List<List<String>> containers(Path dir) {
        String file = dir.resolve("copied.txt").toString();
        return List.of(List.of("run", "--rm", "busybox", "echo", "hi"), List.of("run", "-i", "--rm", "busybox", "cat"),
                List.of("run", "-d", "--name", "box", "-p", "127.0.0.1:8080:80", "-e", "A=1", "-v", "vol:/data", "-l", "a=b", "-m", "64m",
                        "--cpus", "0.5", "--restart", "on-failure:3", "--health-cmd", "true", "--health-interval", "30s", "busybox", "sleep", "9"),
                List.of("create", "--name", "box", "-it", "--ulimit", "nofile=1024:2048", "--tmpfs", "/run", "busybox"),
                List.of("container", "create", "busybox"), List.of("start", "box"), List.of("start", "-a", "box"),
                List.of("stop", "-t", "1", "box"), List.of("restart", "box"), List.of("kill", "-s", "HUP", "box"), List.of("pause", "box"),
                List.of("unpause", "box"), List.of("wait", "box"), List.of("rm", "-f", "-v", "box"), List.of("ps"), List.of("ps", "-a", "-s"),
                List.of("ps", "-q", "--no-trunc"), List.of("ps", "--format", "json"), List.of("container", "ls", "-n", "1", "--filter", "status=running"),
                List.of("ps", "--format", "table {{.Names}}\t{{.Ports}}\t{{.Labels}}\t{{.Mounts}}"), List.of("logs", "box"),
                List.of("logs", "-t", "--tail", "2", "--since", "10m", "box"), List.of("inspect", "box"),
                List.of("inspect", "-f", "{{.State.Status}}", "box"), List.of("container", "inspect", "box"), List.of("container", "prune", "-f"),
                List.of("exec", "box", "echo", "hi"), List.of("exec", "-d", "box", "sleep", "1"), List.of("exec", "-i", "-e", "A=1", "-w", "/tmp", "box", "sh"),
                List.of("attach", "--no-stdin", "box"), List.of("rename", "box", "crate"), List.of("top", "box"), List.of("top", "box", "-o", "pid"),
                List.of("port", "box"), List.of("port", "box", "80"), List.of("update", "-m", "64m", "--cpus", "0.5", "--restart", "on-failure:3", "box"),
                List.of("cp", "box:/root/file.txt", file), List.of("cp", file, "box:/root/"), List.of("cp", "box:/root/file.txt", "-"),
                List.of("diff", "box"), List.of("export", "box"), List.of("export", "-o", dir.resolve("box.tar").toString(), "box"),
                List.of("commit", "-m", "msg", "-a", "me", "-c", "ENV A=1", "box", "committed:v1"), List.of("stats", "--no-stream"),
                List.of("stats", "--no-stream", "--format", "{{.Name}} {{.CPUPerc}} {{.MemUsage}}", "box"));
    }

    static List<List<String>> volumes() {
        return List.of(List.of("volume", "create", "--label", "a=b", "vol"), List.of("volume", "ls"), List.of("volume", "ls", "-q"),
                List.of("volume", "ls", "--format", "{{.Name}} {{.Driver}} {{.Labels}}"), List.of("volume", "inspect", "vol"),
                List.of("volume", "inspect", "-f", "{{.Mountpoint}}", "vol"), List.of("volume", "rm", "vol"), List.of("volume", "prune", "-f"));
    }

    static List<List<String>> networks() {
        return List.of(List.of("network", "create", "--label", "a=b", "net"),
                List.of("network", "create", "-d", "bridge", "--subnet", "10.1.0.0/24", "--gateway", "10.1.0.1", "--ip-range", "10.1.0.128/25",
                        "--aux-address", "h=10.1.0.5", "--ipv6", "--subnet", "fd00::/64", "--internal", "--attachable", "-o", "mtu=1400",
                        "--ipam-opt", "a=b", "net"),
                List.of("network", "ls"), List.of("network", "ls", "-q", "--no-trunc"), List.of("network", "ls", "--format", "json"),
                List.of("network", "ls", "--filter", "name=net", "--format", "table {{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.Labels}}"),
                List.of("network", "inspect", "net"), List.of("network", "inspect", "-f", "{{.Name}} {{json .IPAM}}", "net"),
                List.of("network", "connect", "--alias", "web", "--ip", "10.1.0.7", "net", "box"),
                List.of("network", "disconnect", "-f", "net", "box"), List.of("network", "rm", "net"), List.of("network", "prune", "-f"),
                List.of("run", "-d", "--network", "net", "--network-alias", "web", "--ip", "10.1.0.7", "-p", "8000-8001:80-81",
                        "-p", "127.0.0.1::90/udp", "--expose", "7000", "--dns", "1.1.1.1", "--add-host", "db=10.0.0.2", "busybox"));
    }

    /** Calls that end in an error: a missing image, bad templates and flags, a daemon that is not there. */
    static List<List<String>> failing(Path dir) {
        return List.of(List.of("image", "inspect", "missing"), List.of("rmi", "missing"), List.of("images", "--format", "{{.Nope"),
                List.of("images", "--bogus"), List.of("version", "-x"), List.of("history"), List.of("frobnicate"),
                List.of("inspect", "missing"), List.of("logs", "missing"), List.of("rm", "missing"), List.of("run", "-m", "64x", "busybox"),
                List.of("volume", "inspect", "missing"), List.of("start"), List.of("port", "box", "9999"),
                List.of("network", "inspect", "missing"), List.of("network", "rm", "missing"),
                List.of("network", "create", "--subnet", "10.1.0.0/24", "--gateway", "10.9.0.1", "net"), List.of("network", "ls", "-f", "x"),
                List.of("-H", "unix://" + dir.resolve("absent.sock"), "version"),
                List.of("-H", "unix://" + dir.resolve("absent.sock"), "images"));
    }

    private static int run(String host, Path dir, List<String> command) {
        List<String> args = new ArrayList<>();
        if (!command.contains("-H")) {
            args.addAll(List.of("-H", host));
        }
        args.addAll(command);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        byte[] tar = new byte[1024];
        Session session = new Session(new ByteArrayInputStream(tar), discard, discard, Map.of("HOME", dir.toString()),
                Session.Terminals.NONE, Clock.systemDefaultZone());
        return Berth.run(args.toArray(String[]::new), session);
    }

    private static void haltWhenOverdue() {
        try {
            Thread.sleep(LIMIT_MILLIS);
            Runtime.getRuntime().halt(99);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
