package dev.berth.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one way berth runs an external program (mount, runc, nft, ip…): a bounded run with captured output.
 *
 * <pre>{@code
 * CommandResult r = Command.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString())
 *         .cwd(root)
 *         .timeout(Duration.ofSeconds(30))
 *         .run()
 *         .check();          // throws CommandException with the command line, exit code and stderr
 * }</pre>
 *
 * A run that outlives its timeout has its whole process tree killed and throws. Builders are immutable;
 * each setter returns a new command.
 */
public final class Command {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    private final List<String> argv;
    private final Path cwd;
    private final Map<String, String> env;
    private final byte[] stdin;
    private final Duration timeout;

    private Command(List<String> argv, Path cwd, Map<String, String> env, byte[] stdin, Duration timeout) {
        this.argv = argv;
        this.cwd = cwd;
        this.env = env;
        this.stdin = stdin;
        this.timeout = timeout;
    }

    public static Command of(String program, String... args) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(program);
        argv.addAll(List.of(args));
        return of(argv);
    }

    public static Command of(List<String> argv) {
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("a command needs a program name");
        }
        return new Command(List.copyOf(argv), null, Map.of(), new byte[0], DEFAULT_TIMEOUT);
    }

    public Command cwd(Path dir) {
        return new Command(argv, dir, env, stdin, timeout);
    }

    /** Adds to (or overrides in) the environment inherited from berth. */
    public Command env(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(name, value);
        return new Command(argv, cwd, Map.copyOf(more), stdin, timeout);
    }

    public Command stdin(byte[] input) {
        return new Command(argv, cwd, env, input.clone(), timeout);
    }

    public Command timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + limit);
        }
        return new Command(argv, cwd, env, stdin, limit);
    }

    public List<String> argv() {
        return argv;
    }

    /** Runs to completion; a non-zero exit is returned, not thrown (see {@link CommandResult#check()}). */
    public CommandResult run() throws CommandException {
        Process process = start();
        try (ExecutorService io = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> out = io.submit(() -> readAll(process.getInputStream()));
            Future<byte[]> err = io.submit(() -> readAll(process.getErrorStream()));
            io.submit(() -> feed(process.getOutputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new CommandException(this, "timed out after " + timeout + " and was killed", null);
            }
            return new CommandResult(this, process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new CommandException(this, "interrupted", e);
        } catch (ExecutionException e) {
            killTree(process);
            throw new CommandException(this, "could not read its output", e.getCause());
        }
    }

    /** The command line as a shell would show it, for messages. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder();
        for (String arg : argv) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(arg.isEmpty() || arg.matches(".*[\\s'\"$\\\\].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return line.toString();
    }

    private Process start() throws CommandException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new CommandException(this, "could not start: " + e.getMessage(), e);
        }
    }

    private Void feed(OutputStream toProcess) {
        try (toProcess) {
            toProcess.write(stdin);
        } catch (IOException e) {
            // The program may exit without reading its input; that is its business, not an error of ours.
        }
        return null;
    }

    private static byte[] readAll(InputStream from) {
        try (from) {
            return from.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void killTree(Process process) {
        // Descendants first: once the parent dies they are re-parented and no longer found through it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
