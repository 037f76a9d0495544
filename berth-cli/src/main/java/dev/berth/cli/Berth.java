package dev.berth.cli;

import dev.berth.api.client.EngineError;
import dev.berth.cli.format.TemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The berth CLI: {@code berth [global options] COMMAND [options] [args]}, speaking the Docker
 * Engine API and printing what docker prints.
 *
 * <p>Use: {@code main} runs {@link #run} on the process's streams; tests call
 * {@code Berth.run(new String[] {"-H", host, "images"}, in, out, err, env)} and check the exit code
 * and the two streams.
 */
public final class Berth {
    public static final String VERSION = "0.1.0";

    private Berth() {
    }

    public static void main(String[] args) {
        Session.Terminals terminals = new Session.Terminals(isTerminal(0), isTerminal(1));
        Session session = new Session(System.in, System.out, System.err, System.getenv(), terminals, Clock.systemDefaultZone());
        int status = run(args, session);
        System.out.flush();
        System.exit(status);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, new Session(in, out, err, env, Session.Terminals.NONE, Clock.systemDefaultZone()));
    }

    public static int run(String[] args, Session session) {
        try (session) {
            return execute(args, session);
        } catch (StatusError e) {
            if (!e.getMessage().isEmpty()) {
                session.err().println(e.getMessage());
            }
            return e.status();
        } catch (EngineError e) {
            session.err().println("Error response from daemon: " + e.getMessage());
            return 1;
        } catch (TemplateException e) {
            session.err().println("template parsing error: " + e.getMessage());
            return 64;
        } catch (UncheckedIOException e) {
            session.err().println("error during connect: " + e.getCause().getMessage());
            return 1;
        } finally {
            session.out().flush();
        }
    }

    private static int execute(String[] args, Session session) {
        GlobalOptions global = new GlobalOptions();
        CommandLine root = commandLine(global, session);
        addCommands(root, args, session);
        ParseResult parsed;
        try {
            parsed = root.parseArgs(args);
        } catch (ParameterException e) {
            throw flagError(e);
        }
        global.validate();
        session.useFlags(global.endpointFlags());
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            if (leaf.isUsageHelpRequested()) {
                break;
            }
            leaf = leaf.subcommand();
        }
        if (leaf.isUsageHelpRequested() || parsed.isUsageHelpRequested()) {
            leaf.commandSpec().commandLine().usage(session.out());
            return 0;
        }
        if (global.version) {
            session.out().println("Berth version " + VERSION + ", build berth");
            return 0;
        }
        if (leaf.commandSpec().userObject() instanceof Callable<?> command) {
            return call(command);
        }
        // A group or the root without a command prints its help, as docker does.
        leaf.commandSpec().commandLine().usage(session.out());
        return 0;
    }

    private static int call(Callable<?> command) {
        try {
            return (Integer) command.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StatusError(1, String.valueOf(e.getMessage()));
        }
    }

    private static CommandLine commandLine(Object command, Session session) {
        CommandLine line = new CommandLine(command, factory(session));
        line.setOverwrittenOptionsAllowed(true);
        line.setUnmatchedOptionsArePositionalParams(false);
        return line;
    }

    /** Registers only the command being run (all of them when the root's help is wanted). */
    private static void addCommands(CommandLine root, String[] args, Session session) {
        int at = commandIndex(args);
        if (at < 0) {
            CommandCatalog.TOP_LEVEL.forEach(name -> addCommand(root, name, null, session));
            return;
        }
        String name = args[at];
        if (CommandCatalog.topLevel(name) == null) {
            throw new StatusError(1, "berth: unknown command: berth " + name + "\n\nRun 'berth --help' for more information");
        }
        addCommand(root, name, at + 1 < args.length ? args[at + 1] : null, session);
    }

    private static void addCommand(CommandLine root, String name, String next, Session session) {
        CommandLine command = commandLine(session.factoryCreate(CommandCatalog.topLevel(name)), session);
        root.addSubcommand(name, command);
        List<String> subs = CommandCatalog.subcommands(name);
        if (subs.isEmpty()) {
            return;
        }
        if (next != null && CommandCatalog.subcommand(name, next) != null) {
            command.addSubcommand(next, named(CommandCatalog.primaryName(next), CommandCatalog.subcommand(name, next), session));
            return;
        }
        for (String sub : subs) {
            command.addSubcommand(sub, named(sub, CommandCatalog.subcommand(name, sub), session));
        }
    }

    /** One class serves under two names ({@code images} and {@code image ls}); errors show the one typed, aliases aside. */
    private static CommandLine named(String name, Class<?> type, Session session) {
        CommandLine line = commandLine(session.factoryCreate(type), session);
        line.getCommandSpec().name(name);
        return line;
    }

    /** Where the command name is: the first argument that is neither a global option nor its value. */
    static int commandIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return i + 1 < args.length ? i + 1 : -1;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return i;
            }
            if (GlobalOptions.TAKES_VALUE.contains(arg)) {
                i++;
            }
        }
        return -1;
    }

    private static StatusError flagError(ParameterException e) {
        CommandLine where = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            message = unknownFlag(unmatched.getUnmatched().getFirst());
        } else if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            message = missing.getMissing().getFirst() instanceof picocli.CommandLine.Model.OptionSpec option
                    ? "flag needs an argument: " + option.longestName() : e.getMessage();
        }
        return UsageErrors.flag(where.getCommandSpec(), message);
    }

    static String unknownFlag(String arg) {
        if (arg.startsWith("--")) {
            return "unknown flag: " + arg.split("=", 2)[0];
        }
        if (arg.startsWith("-") && arg.length() > 1) {
            return "unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg;
        }
        return "unknown argument: " + arg;
    }

    private static IFactory factory(Session session) {
        return session::factoryCreate;
    }

    /** Whether file descriptor {@code fd} of this process is a terminal, read from /proc as isatty would decide. */
    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
