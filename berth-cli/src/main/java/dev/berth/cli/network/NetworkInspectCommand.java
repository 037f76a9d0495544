package dev.berth.cli.network;

import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineError;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.container.InspectPrinter;
import dev.berth.cli.format.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth network inspect}: {@code GET /networks/X[?verbose=true]} for each network. */
@Command(name = "inspect", customSynopsis = "berth network inspect [OPTIONS] NETWORK [NETWORK...]",
        description = "Display detailed information on one or more networks")
public final class NetworkInspectCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format;
    @Option(names = {"-v", "--verbose"}, description = "Verbose output for diagnostics") boolean verbose;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NETWORK") List<String> networks = new ArrayList<>();

    public NetworkInspectCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, networks.size(), 1, Integer.MAX_VALUE);
        if (format != null && !format.isEmpty() && !format.equals("json")) {
            Template.parse(format);
        }
        List<String> raws = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : networks) {
            String id = name.strip();
            if (id.isEmpty()) {
                errors.add(NetworkRmCommand.EMPTY_NETWORK);
                continue;
            }
            String path = Query.path("/networks/" + id).addIfPresent("verbose", verbose ? "true" : "").toString();
            try (ClientResponse response = session.client().get(path)) {
                raws.add(new String(response.body().readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        new InspectPrinter(format).print(raws, errors, session.out());
        return 0;
    }
}
