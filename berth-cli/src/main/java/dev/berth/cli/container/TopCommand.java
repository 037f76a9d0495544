package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.TabWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth top CONTAINER [ps OPTIONS]}: {@code GET /containers/X/top[?ps_args=]}, titles and rows in columns. */
@Command(name = "top", customSynopsis = "berth top CONTAINER [ps OPTIONS]", description = "Display the running processes of a container")
public final class TopCommand implements Callable<Integer> {
    private final Session session;
    private CommandSpec spec;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER [ps OPTIONS]") List<String> args = new ArrayList<>();

    public TopCommand(Session session) {
        this.session = session;
    }

    /** The ps options after the container are ps's, not ours. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.parser().stopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, Integer.MAX_VALUE);
        String psArgs = String.join(" ", args.subList(1, args.size()));
        JsonNode top = JsonTreeReader.read(session.client().get(
                Query.path("/containers/" + args.getFirst() + "/top").addIfPresent("ps_args", psArgs).toString()));
        session.out().print(render(top));
        return 0;
    }

    /** docker's tabwriter here: minimum width 20, padding 3. */
    static String render(JsonNode top) {
        StringBuilder text = new StringBuilder();
        text.append(join(top.path("Titles"))).append('\n');
        top.path("Processes").forEach(row -> text.append(join(row)).append('\n'));
        return new TabWriter(20, 3, ' ').format(text.toString());
    }

    private static String join(JsonNode cells) {
        List<String> values = new ArrayList<>();
        cells.forEach(c -> values.add(c.asText()));
        return String.join("\t", values);
    }
}
