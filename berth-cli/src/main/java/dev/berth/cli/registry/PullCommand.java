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

/**
 * {@code berth pull NAME[:TAG|@DIGEST]}: {@code POST /images/create?fromImage=&tag=} with the stored
 * credentials in {@code X-Registry-Auth}; {@code -a} sends no tag, which pulls every tag.
 */
@Command(name = "pull", customSynopsis = "berth pull [OPTIONS] NAME[:TAG|@DIGEST]",
        description = "Download an image from a registry")
public final class PullCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--all-tags"}, description = "Download all tagged images in the repository") boolean allTags;
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable") String platform;
    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NAME") List<String> args = new ArrayList<>();

    public PullCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, 1);
        Reference ref = parse(args.getFirst());
        if (allTags && (ref.tag().isPresent() || ref.digest().isPresent())) {
            throw new StatusError(1, "tag can't be used with --all-tags/-a");
        }
        if (!allTags && ref.tag().isEmpty() && ref.digest().isEmpty() && !quiet) {
            session.out().println("Using default tag: latest");
            ref = ref.withDefaultTag();
        }
        String header = CredentialStore.of(session).registryAuthHeader(ref);
        try (ClientResponse r = session.client().request("POST", request(ref, allTags, platform),
                Map.of("X-Registry-Auth", header), null)) {
            new TransferPrinter(session.out(), session.terminals().out(), quiet).print(r.body());
        }
        session.out().println(allTags ? ref.name() : ref.withDefaultTag().toString());
        return 0;
    }

    static Reference parse(String name) {
        try {
            return Reference.parse(name);
        } catch (IllegalArgumentException e) {
            throw new StatusError(1, e.getMessage());
        }
    }

    static String request(Reference ref, boolean allTags, String platform) {
        Query q = Query.path("/images/create").add("fromImage", ref.name());
        String tag = allTags ? "" : ref.digest().map(Object::toString).orElseGet(() -> ref.tag().orElse(Reference.DEFAULT_TAG));
        q.add("tag", tag);
        if (platform != null && !platform.isEmpty()) {
            q.add("platform", platform);
        }
        return q.toString();
    }
}
