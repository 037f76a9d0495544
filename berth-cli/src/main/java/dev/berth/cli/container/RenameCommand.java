package dev.berth.cli.container;

import dev.berth.api.client.EngineError;
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

/** {@code berth rename OLD NEW}: {@code POST /containers/OLD/rename?name=NEW}, silent on success. */
@Command(name = "rename", customSynopsis = "berth rename CONTAINER NEW_NAME", description = "Rename a container")
public final class RenameCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER NEW_NAME") List<String> args = new ArrayList<>();

    public RenameCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 2, 2);
        String old = args.get(0).strip();
        String name = args.get(1).strip();
        if (old.isEmpty() || name.isEmpty()) {
            throw new StatusError(1, "Error: Neither old nor new names may be empty");
        }
        try {
            session.client().post(Query.path("/containers/" + old + "/rename").add("name", name).toString(), null).close();
        } catch (EngineError e) {
            session.err().println("Error response from daemon: " + e.getMessage());
            throw new StatusError(1, "Error: failed to rename container named " + old);
        }
        return 0;
    }
}
