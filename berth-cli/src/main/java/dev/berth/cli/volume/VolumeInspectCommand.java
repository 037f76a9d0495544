package dev.berth.cli.volume;

import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineError;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.container.InspectPrinter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth volume inspect}: {@code GET /volumes/X} for each volume. */
@Command(name = "inspect", customSynopsis = "berth volume inspect [OPTIONS] VOLUME [VOLUME...]",
        description = "Display detailed information on one or more volumes")
public final class VolumeInspectCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "VOLUME") List<String> volumes = new ArrayList<>();

    public VolumeInspectCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, volumes.size(), 1, Integer.MAX_VALUE);
        List<String> raws = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : volumes) {
            try (ClientResponse response = session.client().get("/volumes/" + name)) {
                raws.add(new String(response.body().readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        new InspectPrinter(format).print(raws, errors, session.out());
        return 0;
    }
}
