package dev.berth.cli.image;

import dev.berth.api.client.ClientResponse;
import dev.berth.cli.JsonStreamPrinter;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.oci.Reference;
import java.io.IOException;
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
 * {@code berth import file|URL|- [REPOSITORY[:TAG]]}: streams the tarball chunked to
 * {@code POST /images/create?fromSrc=-…} (a URL is passed as {@code fromSrc} for the daemon to fetch)
 * and prints the new image's ID from the reply.
 */
@Command(name = "import", customSynopsis = "berth import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
        description = "Import the contents from a tarball to create a filesystem image")
public final class ImportCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image") List<String> changes = new ArrayList<>();
    @Option(names = {"-m", "--message"}, description = "Set commit message for imported image") String message;
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable") String platform;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    public ImportCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, Integer.MAX_VALUE);
        String source = args.get(0);
        String repository = args.size() > 1 ? args.get(1) : null;
        boolean remote = source.startsWith("http://") || source.startsWith("https://");
        String request = request(remote ? source : "-", repository, message, platform, changes);
        try (InputStream body = remote ? InputStream.nullInputStream() : open(source);
             ClientResponse response = session.client().upload("POST", request, body, "text/plain")) {
            JsonStreamPrinter.print(response.body(), session.out());
        }
        return 0;
    }

    static String request(String fromSrc, String repository, String message, String platform, List<String> changes) {
        if (repository != null) {
            try {
                Reference.parse(repository);
            } catch (IllegalArgumentException e) {
                throw new StatusError(1, e.getMessage());
            }
        }
        Query query = Query.path("/images/create").add("fromSrc", fromSrc).addIfPresent("repo", repository)
                .addIfPresent("message", message).addIfPresent("platform", platform);
        changes.forEach(change -> query.add("changes", change));
        return query.toString();
    }

    private InputStream open(String source) throws IOException {
        if (source.equals("-")) {
            return session.in();
        }
        try {
            return Files.newInputStream(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new StatusError(1, "open " + source + ": no such file or directory");
        }
    }
}
