package dev.berth.cli.container;

import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth pause}: {@code POST /containers/X/pause} for each container. */
@Command(name = "pause", customSynopsis = "berth pause CONTAINER [CONTAINER...]", description = "Pause all processes within one or more containers")
public final class PauseCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public PauseCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        return ContainerBatch.apply(session, containers, name -> session.client().post("/containers/" + name + "/pause", null).close());
    }
}
