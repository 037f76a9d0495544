package dev.berth.cli.container;

import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineError;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth container inspect}: {@code GET /containers/X/json} for each container. */
@Command(name = "inspect", customSynopsis = "berth container inspect [OPTIONS] CONTAINER [CONTAINER...]",
        description = "Display detailed information on one or more containers")
public final class ContainerInspectCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format;
    @Option(names = {"-s", "--size"}, description = "Display total file sizes") boolean size;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public ContainerInspectCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        List<String> raws = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : containers) {
            try (ClientResponse response = session.client().get(Query.path("/containers/" + name + "/json").flag("size", size).toString())) {
                raws.add(new String(response.body().readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        new InspectPrinter(format).print(raws, errors, session.out());
        return 0;
    }
}
