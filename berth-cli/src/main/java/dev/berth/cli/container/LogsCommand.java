package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.StdCopy;
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

/**
 * {@code berth logs}: inspects the container for {@code Config.Tty}, then copies
 * {@code GET /containers/<id>/logs} raw (TTY) or demultiplexed to stdout and stderr.
 */
@Command(name = "logs", customSynopsis = "berth logs [OPTIONS] CONTAINER", description = "Fetch the logs of a container")
public final class LogsCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--details", description = "Show extra details provided to logs") boolean details;
    @Option(names = {"-f", "--follow"}, description = "Follow log output") boolean follow;
    @Option(names = "--since", description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)") String since;
    @Option(names = {"-n", "--tail"}, description = "Number of lines to show from the end of the logs") String tail = "all";
    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps") boolean timestamps;
    @Option(names = "--until", description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)") String until;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public LogsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, 1);
        JsonNode container = JsonTreeReader.read(session.client().get("/containers/" + containers.getFirst() + "/json"));
        String path = request(container.path("Id").asText());
        try (ClientResponse logs = session.client().get(path)) {
            if (container.path("Config").path("Tty").asBoolean()) {
                logs.body().transferTo(session.out());
            } else {
                StdCopy.demux(logs.body(), session.out(), session.err());
            }
        }
        session.out().flush();
        return 0;
    }

    String request(String id) {
        try {
            return Query.path("/containers/" + id + "/logs").flag("details", details).flag("follow", follow)
                    .addIfPresent("since", since == null ? null : LogTime.parse(since, session.clock().instant()).query())
                    .add("stderr", "1").add("stdout", "1").add("tail", tail).flag("timestamps", timestamps)
                    .addIfPresent("until", until == null ? null : LogTime.parse(until, session.clock().instant()).query()).toString();
        } catch (IllegalArgumentException e) {
            throw new StatusError(1, e.getMessage());
        }
    }
}
