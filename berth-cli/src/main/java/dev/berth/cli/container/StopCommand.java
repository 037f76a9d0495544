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

/** {@code berth stop}: {@code POST /containers/X/stop[?signal=&t=]} for each container (304, already stopped, counts as done). */
@Command(name = "stop", customSynopsis = "berth stop [OPTIONS] CONTAINER [CONTAINER...]", description = "Stop one or more running containers")
public final class StopCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container") String signal;
    @Option(names = {"-t", "--timeout"}, description = "Seconds to wait before killing the container") Integer timeout;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public StopCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        return ContainerBatch.apply(session, containers, name -> session.client().post(Query.path("/containers/" + name + "/stop").addIfPresent("signal", signal).addIfPresent("t", timeout == null ? null : timeout.toString()).toString(), null).close());
    }
}
