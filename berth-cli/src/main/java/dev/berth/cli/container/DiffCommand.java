package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.JsonTreeReader;
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

/** {@code berth diff CONTAINER}: {@code GET /containers/X/changes}, one {@code C|A|D path} line per change. */
@Command(name = "diff", customSynopsis = "berth diff CONTAINER",
        description = "Inspect changes to files or directories on a container's filesystem")
public final class DiffCommand implements Callable<Integer> {
    private static final String KINDS = "CAD";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public DiffCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, 1);
        JsonNode changes = JsonTreeReader.read(session.client().get("/containers/" + containers.getFirst() + "/changes"));
        for (JsonNode change : changes) {
            int kind = change.path("Kind").asInt();
            String letter = kind >= 0 && kind < KINDS.length() ? String.valueOf(KINDS.charAt(kind)) : "?";
            session.out().println(letter + " " + change.path("Path").asText());
        }
        return 0;
    }
}
