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

/** {@code berth rm}: {@code DELETE /containers/X[?force=1&link=1&v=1]} for each container. */
@Command(name = "rm", customSynopsis = "berth rm [OPTIONS] CONTAINER [CONTAINER...]", description = "Remove one or more containers")
public final class RmCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)") boolean force;
    @Option(names = {"-l", "--link"}, description = "Remove the specified link") boolean link;
    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container") boolean volumes;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public RmCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        return ContainerBatch.apply(session, containers, name -> session.client().delete(Query.path("/containers/" + name).flag("force", force).flag("link", link).flag("v", volumes).toString()).close());
    }
}
