package dev.berth.cli.image;

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

/** {@code berth tag SOURCE TARGET}: {@code POST /images/SOURCE/tag?repo=<normalised name>&tag=<tag or latest>}. */
@Command(name = "tag", customSynopsis = "berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
public final class TagCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> args = new ArrayList<>();

    public TagCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 2, 2);
        session.client().post(request(args.get(0), args.get(1)), null).discard();
        return 0;
    }

    static String request(String source, String target) {
        Reference ref;
        try {
            ref = Reference.parse(target);
        } catch (IllegalArgumentException e) {
            throw new StatusError(1, "Error parsing reference: \"" + target + "\" is not a valid repository/tag: " + e.getMessage());
        }
        if (ref.digest().isPresent()) {
            throw new StatusError(1, "refusing to create a tag with a digest reference");
        }
        return Query.path("/images/" + source + "/tag").add("repo", ref.name())
                .add("tag", ref.tag().orElse(Reference.DEFAULT_TAG)).toString();
    }
}
