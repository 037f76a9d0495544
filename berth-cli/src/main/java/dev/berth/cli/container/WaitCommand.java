package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth wait}: {@code POST /containers/X/wait} for each container in turn, printing each exit code. */
@Command(name = "wait", customSynopsis = "berth wait CONTAINER [CONTAINER...]",
        description = "Block until one or more containers stop, then print their exit codes")
public final class WaitCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public WaitCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        List<String> errors = new ArrayList<>();
        for (String name : containers) {
            try {
                JsonNode result = JsonTreeReader.read(session.client().post("/containers/" + name + "/wait", null));
                if (result.path("Error").isObject()) {
                    errors.add(result.path("Error").path("Message").asText());
                } else {
                    session.out().println(result.path("StatusCode").asLong());
                }
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new StatusError(1, String.join("\n", errors));
        }
        return 0;
    }
}
