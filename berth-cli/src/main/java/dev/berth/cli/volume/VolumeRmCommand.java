package dev.berth.cli.volume;

import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.container.ContainerBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth volume rm}: {@code DELETE /volumes/X[?force=1]} for each volume, printing each name removed. */
@Command(name = "rm", aliases = "remove", customSynopsis = "berth volume rm [OPTIONS] VOLUME [VOLUME...]",
        description = "Remove one or more volumes")
public final class VolumeRmCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--force"}, description = "Force the removal of one or more volumes") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "VOLUME") List<String> volumes = new ArrayList<>();

    public VolumeRmCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, volumes.size(), 1, Integer.MAX_VALUE);
        return ContainerBatch.apply(session, volumes,
                name -> session.client().delete(Query.path("/volumes/" + name).flag("force", force).toString()).close());
    }
}
