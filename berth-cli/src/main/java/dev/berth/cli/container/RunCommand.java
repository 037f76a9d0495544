package dev.berth.cli.container;

import dev.berth.api.client.EngineError;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
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

/**
 * {@code berth run IMAGE [COMMAND] [ARG...]}: create (pulling when the image is missing), then either
 * start and print the ID ({@code -d}) or attach, wait, start and exit with the container's status.
 */
@Command(name = "run", customSynopsis = "berth run [OPTIONS] IMAGE [COMMAND] [ARG...]",
        description = "Create and run a new container from an image")
public final class RunCommand implements Callable<Integer> {
    private final Session session;
    private CommandSpec spec;
    @Mixin ContainerOptions options;
    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID") boolean detach;
    @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", description = "Proxy received signals to the process") boolean sigProxy = true;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "IMAGE [COMMAND] [ARG...]") List<String> args = new ArrayList<>();

    public RunCommand(Session session) {
        this.session = session;
    }

    /** Everything after the image belongs to the container's command, flags included, as in docker. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.parser().stopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, Integer.MAX_VALUE);
        ContainerCreator creator = new ContainerCreator(session, "run");
        if (options.tty && options.interactive && !session.terminals().in()) {
            throw new StatusError(1, "the input device is not a TTY");
        }
        CreateBody.Attach mode = detach ? CreateBody.Attach.NONE : CreateBody.Attach.FOREGROUND;
        int[] console = options.tty && session.terminals().out() ? RawTerminal.size() : null;
        Map<String, Object> body = CreateCommand.body(spec, creator, session, options, args, mode, console);
        String id = creator.create(body, options);
        if (!detach) {
            return new AttachedRun(session, creator, options, sigProxy).run(id);
        }
        try {
            session.client().post("/containers/" + id + "/start", null).close();
        } catch (EngineError e) {
            throw creator.withHelp(AttachedRun.startStatus(e.getMessage()), "Error response from daemon: " + e.getMessage());
        }
        session.out().println(id);
        return 0;
    }
}
