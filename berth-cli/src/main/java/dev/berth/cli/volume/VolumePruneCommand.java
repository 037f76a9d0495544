package dev.berth.cli.volume;

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

/** {@code berth volume prune}: asks unless {@code -f}, then {@code POST /volumes/prune} ({@code all=true} with {@code -a}). */
@Command(name = "prune", customSynopsis = "berth volume prune [OPTIONS]", description = "Remove unused local volumes")
public final class VolumePruneCommand implements Callable<Integer> {
    static final String WARNING = "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?";
    static final String ALL_WARNING = "WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones") boolean all;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"label=<label>\")") List<String> filters = new ArrayList<>();
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", hidden = true) List<String> args = new ArrayList<>();

    public VolumePruneCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        if (!force && !Prompt.confirm(session, all ? ALL_WARNING : WARNING)) {
            return 0;
        }
        Filters given = Filters.parse(filters);
        if (all) {
            given = given.with("all", "true");
        }
        JsonNode report = JsonTreeReader.read(session.client().post(Query.path("/volumes/prune").filters(given).toString(), null));
        session.out().print(PruneReport.deleted(report, "VolumesDeleted", "Deleted Volumes:") + PruneReport.reclaimed(report));
        return 0;
    }
}
