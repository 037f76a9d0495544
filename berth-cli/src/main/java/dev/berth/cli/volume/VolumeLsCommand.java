package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Filters;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.ListOutput;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth volume ls}: {@code GET /volumes}, sorted by name as docker sorts them. */
@Command(name = "ls", aliases = "list", customSynopsis = "berth volume ls [OPTIONS]", description = "List volumes")
public final class VolumeLsCommand implements Callable<Integer> {
    static final String TABLE = "table {{.Driver}}\t{{.Name}}";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. \"dangling=true\")") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = {"-q", "--quiet"}, description = "Only display volume names") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", hidden = true) List<String> args = new ArrayList<>();

    public VolumeLsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        JsonNode reply = JsonTreeReader.read(session.client().get(Query.path("/volumes").filters(Filters.parse(filters)).toString()));
        List<VolumeRow> rows = new ArrayList<>();
        reply.path("Volumes").forEach(v -> rows.add(new VolumeRow(v)));
        rows.sort(Comparator.comparing(r -> r.v().path("Name").asText()));
        String effective = format == null || format.isEmpty() || format.equals("table") ? (quiet ? "{{.Name}}" : TABLE) : format;
        session.out().print(new ListOutput(effective, TABLE, false).render(rows, VolumeRow.HEADERS));
        return 0;
    }
}
