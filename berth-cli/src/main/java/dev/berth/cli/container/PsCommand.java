package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Filters;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.ListOutput;
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

/** {@code berth ps} / {@code berth container ls}: {@code GET /containers/json}, printed as docker's table. */
@Command(name = "ps", customSynopsis = "berth ps [OPTIONS]", description = "List containers")
public final class PsCommand implements Callable<Integer> {
    static final String TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)") boolean all;
    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = {"-n", "--last"}, description = "Show n last created containers (includes all states)") int last = -1;
    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)") boolean latest;
    @Option(names = "--no-trunc", description = "Don't truncate output") boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs") boolean quiet;
    @Option(names = {"-s", "--size"}, description = "Display total file sizes") boolean size;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", hidden = true) List<String> args = new ArrayList<>();

    public PsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        ListOutput output = new ListOutput(format, size ? TABLE + "\t{{.Size}}" : TABLE, quiet);
        boolean wantsSize = size || output.effective().contains(".Size");
        JsonNode summaries = JsonTreeReader.read(session.client().get(request(wantsSize && !quiet)));
        List<ContainerRow> rows = new ArrayList<>();
        for (JsonNode summary : summaries) {
            rows.add(new ContainerRow(summary, !noTrunc, session.clock().instant(), session.clock().getZone()));
        }
        session.out().print(output.render(rows, ContainerRow.HEADERS));
        return 0;
    }

    String request(boolean withSize) {
        int limit = latest && last == -1 ? 1 : last;
        Query query = Query.path("/containers/json").flag("all", all).filters(Filters.parse(filters)).flag("size", withSize);
        if (limit > 0) {
            query.add("limit", Integer.toString(limit));
        }
        return query.toString();
    }
}
