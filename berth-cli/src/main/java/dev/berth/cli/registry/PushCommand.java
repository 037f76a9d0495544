package dev.berth.cli.registry;

import dev.berth.api.client.ClientResponse;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.oci.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth push NAME[:TAG]}: {@code POST /images/NAME/push?tag=}, every local tag with {@code -a}. */
@Command(name = "push", customSynopsis = "berth push [OPTIONS] NAME[:TAG]",
        description = "Upload an image to a registry")
public final class PushCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--all-tags"}, description = "Push all tags of an image to the repository") boolean allTags;
    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NAME") List<String> args = new ArrayList<>();

    public PushCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, 1);
        Reference ref = PullCommand.parse(args.getFirst());
        if (allTags && ref.tag().isPresent()) {
            throw new StatusError(1, "tag can't be used with --all-tags/-a");
        }
        if (ref.digest().isPresent()) {
            throw new StatusError(1, "cannot push a digest reference");
        }
        if (!allTags && ref.tag().isEmpty()) {
            if (!quiet) {
                session.out().println("Using default tag: latest");
            }
            ref = ref.withDefaultTag();
        }
        String header = CredentialStore.of(session).registryAuthHeader(ref);
        try (ClientResponse r = session.client().request("POST", request(ref), Map.of("X-Registry-Auth", header), null)) {
            new TransferPrinter(session.out(), session.terminals().out(), quiet).print(r.body());
        }
        if (quiet) {
            session.out().println(ref.toString());
        }
        return 0;
    }

    static String request(Reference ref) {
        return Query.path("/images/" + ref.name() + "/push").add("tag", ref.tag().orElse("")).toString();
    }
}
