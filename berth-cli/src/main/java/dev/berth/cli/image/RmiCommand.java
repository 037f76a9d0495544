package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
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

/** {@code berth rmi}: {@code DELETE /images/X} per image, going on after a failure and exiting 1 at the end. */
@Command(name = "rmi", aliases = "remove", customSynopsis = "berth rmi [OPTIONS] IMAGE [IMAGE...]",
        description = "Remove one or more images")
public final class RmiCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--force"}, description = "Force removal of the image") boolean force;
    @Option(names = "--no-prune", description = "Do not delete untagged parents") boolean noPrune;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> images = new ArrayList<>();

    public RmiCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, images.size(), 1, Integer.MAX_VALUE);
        List<String> errors = new ArrayList<>();
        for (String image : images) {
            try {
                print(JsonTreeReader.read(session.client().delete(request(image, force, noPrune))));
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new StatusError(1, String.join("\n", errors));
        }
        return 0;
    }

    static String request(String image, boolean force, boolean noPrune) {
        return Query.path("/images/" + image).flag("force", force).flag("noprune", noPrune).toString();
    }

    private void print(JsonNode deletions) {
        for (JsonNode item : deletions) {
            String deleted = item.path("Deleted").asText("");
            session.out().println(deleted.isEmpty() ? "Untagged: " + item.path("Untagged").asText() : "Deleted: " + deleted);
        }
    }
}
