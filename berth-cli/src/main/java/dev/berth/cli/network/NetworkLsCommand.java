package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Filters;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.ListFormat;
import dev.berth.cli.format.NaturalOrder;
import dev.berth.cli.format.TemplateException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth network ls}: {@code GET /networks}, sorted by name in docker's natural order. */
@Command(name = "ls", aliases = "list", customSynopsis = "berth network ls [OPTIONS]", description = "List networks")
public final class NetworkLsCommand implements Callable<Integer> {
    static final String TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    static final String RAW = "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n";
    static final String RAW_QUIET = "network_id: {{.ID}}";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. \"driver=bridge\")") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = "--no-trunc", description = "Do not truncate the output") boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", hidden = true) List<String> args = new ArrayList<>();

    public NetworkLsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        Filters given = Filters.parse(spec, "-f, --filter", filters);
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        JsonNode reply = JsonTreeReader.read(session.client().get(Query.path("/networks").filters(given).toString()));
        try {
            session.out().print(render(reply, format, quiet, !noTrunc));
        } catch (TemplateException e) {
            // docker's list formatter reports a bad template as a plain error (exit 1), not inspect's 64.
            throw new StatusError(1, "template parsing error: " + e.getMessage());
        }
        return 0;
    }

    static String render(JsonNode networks, String format, boolean quiet, boolean trunc) {
        List<NetworkRow> rows = new ArrayList<>();
        networks.forEach(n -> rows.add(new NetworkRow(n, trunc)));
        rows.sort(Comparator.comparing(NetworkRow::name, NaturalOrder.INSTANCE));
        return ListFormat.parse(effective(format, quiet)).render(rows, NetworkRow.HEADERS);
    }

    /** docker's network NewFormat: {@code table} and {@code raw} have quiet variants, any other format ignores {@code -q}. */
    static String effective(String format, boolean quiet) {
        String source = format == null || format.isEmpty() ? "table" : format;
        return switch (source) {
            case "table" -> quiet ? "{{.ID}}" : TABLE;
            case "raw" -> quiet ? RAW_QUIET : RAW;
            default -> source;
        };
    }
}
