package dev.berth.cli.container;

import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth create IMAGE [COMMAND] [ARG...]}: the container, not started; prints its ID. */
@Command(name = "create", customSynopsis = "berth create [OPTIONS] IMAGE [COMMAND] [ARG...]",
        description = "Create a new container")
public final class CreateCommand implements Callable<Integer> {
    private final Session session;
    private CommandSpec spec;
    @Mixin ContainerOptions options;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "IMAGE [COMMAND] [ARG...]") List<String> args = new ArrayList<>();

    public CreateCommand(Session session) {
        this.session = session;
    }

    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.parser().stopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, Integer.MAX_VALUE);
        ContainerCreator creator = new ContainerCreator(session, "create");
        int[] console = options.tty && session.terminals().out() ? RawTerminal.size() : null;
        // docker create attaches stdout and stderr in the config, as a foreground run would.
        Map<String, Object> body = body(spec, creator, session, options, args, CreateBody.Attach.FOREGROUND, console);
        session.out().println(creator.create(body, options));
        return 0;
    }

    /** The create body for IMAGE [COMMAND…]; a bad flag value is a usage error, other bad values a run error. */
    static Map<String, Object> body(CommandSpec spec, ContainerCreator creator, Session session, ContainerOptions options,
                                    List<String> args, CreateBody.Attach mode, int[] console) {
        try {
            return new CreateBody(options, session.env()).build(args.getFirst(), args.subList(1, args.size()), mode, console);
        } catch (InvalidFlag e) {
            throw UsageErrors.flag(spec, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw creator.withHelp(125, e.getMessage());
        }
    }
}
