package dev.berth.cli.image;

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

/** {@code berth images} / {@code berth image ls}: {@code GET /images/json}, printed as docker's table. */
@Command(name = "images", aliases = "list", customSynopsis = "berth images [OPTIONS] [REPOSITORY[:TAG]]",
        description = "List images")
public final class ImagesCommand implements Callable<Integer> {
    static final String TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    static final String DIGEST_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)") boolean all;
    @Option(names = "--digests", description = "Show digests") boolean digests;
    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = "--no-trunc", description = "Don't truncate output") boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "REPOSITORY[:TAG]") List<String> args = new ArrayList<>();

    public ImagesCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 1);
        JsonNode summaries = JsonTreeReader.read(session.client().get(request()));
        String table = digests ? DIGEST_TABLE : TABLE;
        ListOutput output = new ListOutput(format, table, quiet);
        boolean wantsDigests = digests || output.effective().contains("{{.Digest}}");
        ImageRows rows = new ImageRows(!noTrunc, wantsDigests, session.clock().instant(), session.clock().getZone());
        session.out().print(output.render(rows.of(summaries), ImageRow.HEADERS));
        return 0;
    }

    String request() {
        Filters given = Filters.parse(filters);
        if (!args.isEmpty()) {
            given = given.with("reference", args.getFirst());
        }
        return Query.path("/images/json").flag("all", all).filters(given).toString();
    }
}
