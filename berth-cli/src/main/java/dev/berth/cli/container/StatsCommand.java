package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.ListOutput;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stats [CONTAINER...]}: one {@code GET /containers/X/stats?stream=0} sample per container
 * (the running ones when none are named), printed as docker's table; without {@code --no-stream} the
 * table is redrawn every second until interrupted.
 */
@Command(name = "stats", customSynopsis = "berth stats [OPTIONS] [CONTAINER...]",
        description = "Display a live stream of container(s) resource usage statistics")
public final class StatsCommand implements Callable<Integer> {
    private static final String CLEAR = "\033[2J\033[H";

    private final Session session;
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)") boolean all;
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result") boolean noStream;
    @Option(names = "--no-trunc", description = "Do not truncate output") boolean noTrunc;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public StatsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        ListOutput output = new ListOutput(format, StatsRow.TABLE, false);
        while (true) {
            String table = output.render(sample(), StatsRow.HEADERS);
            session.out().print(noStream ? table : CLEAR + table);
            session.out().flush();
            if (noStream) {
                return 0;
            }
            Thread.sleep(1000);
        }
    }

    private List<StatsRow> sample() throws IOException {
        List<String> names = containers.isEmpty() ? listed() : containers;
        List<StatsRow> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                rows.add(new StatsRow(JsonTreeReader.read(session.client().get("/containers/" + name + "/stats?stream=0")), name, !noTrunc));
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new StatusError(1, String.join("\n", errors));
        }
        return rows;
    }

    private List<String> listed() throws IOException {
        JsonNode summaries = JsonTreeReader.read(session.client().get(all ? "/containers/json?all=1" : "/containers/json"));
        List<String> ids = new ArrayList<>();
        summaries.forEach(c -> ids.add(c.path("Id").asText().substring(0, Math.min(12, c.path("Id").asText().length()))));
        return ids;
    }
}
