package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Filters;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Prompt;
import dev.berth.cli.PruneReport;
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

/** {@code berth container prune}: asks unless {@code -f}, then {@code POST /containers/prune} and lists what went. */
@Command(name = "prune", customSynopsis = "berth container prune [OPTIONS]", description = "Remove all stopped containers")
public final class ContainerPruneCommand implements Callable<Integer> {
    static final String WARNING = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")") List<String> filters = new ArrayList<>();
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", hidden = true) List<String> args = new ArrayList<>();

    public ContainerPruneCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        if (!force && !Prompt.confirm(session, WARNING)) {
            return 0;
        }
        JsonNode report = JsonTreeReader.read(session.client().post(Query.path("/containers/prune").filters(Filters.parse(filters)).toString(), null));
        session.out().print(PruneReport.deleted(report, "ContainersDeleted", "Deleted Containers:") + PruneReport.reclaimed(report));
        return 0;
    }
}
