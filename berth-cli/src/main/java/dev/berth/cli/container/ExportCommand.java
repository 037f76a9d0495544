package dev.berth.cli.container;

import dev.berth.api.client.ClientResponse;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth export CONTAINER}: the container's filesystem as a tar from {@code GET /containers/X/export}. */
@Command(name = "export", customSynopsis = "berth export [OPTIONS] CONTAINER",
        description = "Export a container's filesystem as a tar archive")
public final class ExportCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT") String output;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public ExportCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, 1);
        if (output == null && session.terminals().out()) {
            throw new StatusError(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        try (ClientResponse tar = session.client().get("/containers/" + containers.getFirst() + "/export")) {
            if (output == null) {
                tar.body().transferTo(session.out());
                session.out().flush();
            } else {
                try (OutputStream file = Files.newOutputStream(Path.of(output))) {
                    tar.body().transferTo(file);
                }
            }
        }
        return 0;
    }
}
