package dev.berth.cli.network;

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

/** {@code berth network prune}: asks unless {@code -f}, then {@code POST /networks/prune} and lists what went. */
@Command(name = "prune", customSynopsis = "berth network prune [OPTIONS]", description = "Remove all unused networks")
public final class NetworkPruneCommand implements Callable<Integer> {
    static final String WARNING = "WARNING! This will remove all custom networks not used by at least one container.\n"
            + "Are you sure you want to continue?";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")") List<String> filters = new ArrayList<>();
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", hidden = true) List<String> args = new ArrayList<>();

    public NetworkPruneCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        Filters given = Filters.parse(spec, "--filter", filters);
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        // Declining is a cancellation, which docker ends quietly with status 0.
        if (!force && !Prompt.confirm(session, WARNING)) {
            return 0;
        }
        JsonNode report = JsonTreeReader.read(session.client().post(Query.path("/networks/prune").filters(given).toString(), null));
        session.out().print(PruneReport.deleted(report, "NetworksDeleted", "Deleted Networks:"));
        return 0;
    }
}
