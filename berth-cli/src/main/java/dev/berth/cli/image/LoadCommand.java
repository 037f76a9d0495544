package dev.berth.cli.image;

import dev.berth.api.client.ClientResponse;
import dev.berth.cli.JsonStreamPrinter;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth load}: streams a docker-archive from {@code -i} or stdin to {@code POST /images/load};
 * like docker it asks for {@code quiet=1} whenever stdout is not a terminal, since progress bars
 * would only be noise there.
 */
@Command(name = "load", customSynopsis = "berth load [OPTIONS]",
        description = "Load an image from a tar archive or STDIN")
public final class LoadCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-i", "--input"}, description = "Read from tar archive file, instead of STDIN") Path input;
    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    public LoadCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        if (input == null && session.terminals().in()) {
            throw new StatusError(1, "requested load from stdin, but stdin is empty");
        }
        try (InputStream body = open();
             ClientResponse response = session.client().upload("POST", request(quiet || !session.terminals().out()),
                     body, "application/x-tar")) {
            JsonStreamPrinter.print(response.body(), session.out());
        }
        return 0;
    }

    static String request(boolean quiet) {
        return Query.path("/images/load").add("quiet", quiet ? "1" : "0").toString();
    }

    private InputStream open() throws java.io.IOException {
        if (input == null) {
            return session.in();
        }
        try {
            return Files.newInputStream(input);
        } catch (NoSuchFileException e) {
            throw new StatusError(1, "open " + input + ": no such file or directory");
        }
    }
}
