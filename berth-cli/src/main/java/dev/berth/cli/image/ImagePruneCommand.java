package dev.berth.cli.image;

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

/** {@code berth image prune}: asks first (unless {@code -f}), then {@code POST /images/prune?filters={"dangling":…}}. */
@Command(name = "prune", customSynopsis = "berth image prune [OPTIONS]", description = "Remove unused images")
public final class ImagePruneCommand implements Callable<Integer> {
    static final String DANGLING_WARNING = "WARNING! This will remove all dangling images.\nAre you sure you want to continue?";
    static final String ALL_WARNING = "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones") boolean all;
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")") List<String> filters = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    public ImagePruneCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        String request = request(Filters.parse(filters), all);
        if (!force && !Prompt.confirm(session, all ? ALL_WARNING : DANGLING_WARNING)) {
            return 0;
        }
        session.out().print(report(JsonTreeReader.read(session.client().post(request, null))));
        return 0;
    }

    static String request(Filters filters, boolean all) {
        return Query.path("/images/prune").filters(filters.with("dangling", Boolean.toString(!all))).toString();
    }

    static String report(JsonNode report) {
        StringBuilder out = new StringBuilder();
        JsonNode deleted = report.path("ImagesDeleted");
        if (!deleted.isEmpty()) {
            out.append("Deleted Images:\n");
            for (JsonNode item : deleted) {
                String untagged = item.path("Untagged").asText("");
                out.append(untagged.isEmpty() ? "deleted: " + item.path("Deleted").asText() : "untagged: " + untagged).append('\n');
            }
            out.append('\n');
        }
        return out.append(PruneReport.reclaimed(report)).toString();
    }
}
