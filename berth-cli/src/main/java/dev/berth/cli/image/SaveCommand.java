package dev.berth.cli.image;

import dev.berth.api.client.ClientResponse;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth save}: {@code GET /images/get?names=…} into {@code -o FILE} (written whole or not at all) or stdout. */
@Command(name = "save", customSynopsis = "berth save [OPTIONS] IMAGE [IMAGE...]",
        description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
public final class SaveCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT") Path output;
    @Option(names = "--platform", description = "Save only the given platform variant") List<String> platforms = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> images = new ArrayList<>();

    public SaveCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, images.size(), 1, Integer.MAX_VALUE);
        if (output == null && session.terminals().out()) {
            throw new StatusError(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        try (ClientResponse response = session.client().get(request(images, platforms))) {
            if (output == null) {
                response.body().transferTo(session.out());
                session.out().flush();
                return 0;
            }
            Path absolute = output.toAbsolutePath();
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try (OutputStream file = Files.newOutputStream(temp)) {
                response.body().transferTo(file);
            } catch (Exception e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return 0;
    }

    static String request(List<String> images, List<String> platforms) {
        Query query = Query.path("/images/get");
        images.forEach(image -> query.add("names", image));
        platforms.forEach(platform -> query.add("platform", platform));
        return query.toString();
    }
}
