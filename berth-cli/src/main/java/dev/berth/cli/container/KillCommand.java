package dev.berth.cli.container;

import dev.berth.cli.Query;
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

/** {@code berth kill}: {@code POST /containers/X/kill[?signal=]} for each container. */
@Command(name = "kill", customSynopsis = "berth kill [OPTIONS] CONTAINER [CONTAINER...]", description = "Kill one or more running containers")
public final class KillCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container") String signal;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public KillCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        return ContainerBatch.apply(session, containers, name -> session.client().post(Query.path("/containers/" + name + "/kill").addIfPresent("signal", signal).toString(), null).close());
    }
}
