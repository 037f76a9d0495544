package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.ListOutput;
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

/** {@code berth history IMAGE}: {@code GET /images/IMAGE/history} as docker's table. */
@Command(name = "history", customSynopsis = "berth history [OPTIONS] IMAGE", description = "Show the history of an image")
public final class HistoryCommand implements Callable<Integer> {
    static final String TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    static final String NON_HUMAN_TABLE = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-H", "--human"}, arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Print sizes and dates in human readable format") boolean human;
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = "--no-trunc", description = "Don't truncate output") boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> args = new ArrayList<>();

    public HistoryCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, 1);
        JsonNode items = JsonTreeReader.read(session.client().get("/images/" + args.getFirst() + "/history"));
        ListOutput output = new ListOutput(format, human ? TABLE : NON_HUMAN_TABLE, quiet);
        session.out().print(output.render(rows(items), HistoryRow.HEADERS));
        return 0;
    }

    List<HistoryRow> rows(JsonNode items) {
        List<HistoryRow> rows = new ArrayList<>();
        for (JsonNode item : items) {
            rows.add(new HistoryRow(item, !noTrunc, human, session.clock().instant(), session.clock().getZone()));
        }
        return rows;
    }
}
