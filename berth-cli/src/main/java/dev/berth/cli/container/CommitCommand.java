package dev.berth.cli.container;

import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.oci.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth commit CONTAINER [REPOSITORY[:TAG]]}: {@code POST /commit?…}, printing the new image's ID. */
@Command(name = "commit", customSynopsis = "berth commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        description = "Create a new image from a container's changes")
public final class CommitCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--author"}, description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")") String author = "";
    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image") List<String> changes = new ArrayList<>();
    @Option(names = {"-m", "--message"}, description = "Commit message") String message = "";
    @Option(names = {"-p", "--pause"}, arity = "0..1", fallbackValue = "true", description = "Pause container during commit") boolean pause = true;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER [REPOSITORY[:TAG]]") List<String> args = new ArrayList<>();

    public CommitCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, 2);
        String id = JsonTreeReader.read(session.client().post(request(), null)).path("Id").asText();
        session.out().println(id);
        return 0;
    }

    String request() {
        Query query = Query.path("/commit").add("author", author).add("comment", message).add("container", args.getFirst());
        changes.forEach(change -> query.add("changes", change));
        if (!pause) {
            query.add("pause", "0");
        }
        if (args.size() < 2) {
            return query.add("repo", "").add("tag", "").toString();
        }
        Reference ref;
        try {
            ref = Reference.parse(args.get(1));
        } catch (IllegalArgumentException e) {
            throw new StatusError(1, e.getMessage());
        }
        if (ref.digest().isPresent()) {
            throw new StatusError(1, "refusing to create a tag with a digest reference");
        }
        return query.add("repo", ref.name()).add("tag", ref.tag().orElse(Reference.DEFAULT_TAG)).toString();
    }
}
