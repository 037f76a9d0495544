package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineClient;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.http.RawStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth start}: {@code POST /containers/X/start} for each container; with {@code -a}/{@code -i}
 * one container is attached first and the command ends with its exit status, as {@code docker start -a}
 * (detaching with the keys ends it with 0, the container running on).
 */
@Command(name = "start", customSynopsis = "berth start [OPTIONS] CONTAINER [CONTAINER...]",
        description = "Start one or more stopped containers")
public final class StartCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals") boolean attach;
    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN") boolean interactive;
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container") String detachKeys;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public StartCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, Integer.MAX_VALUE);
        if (!attach && !interactive) {
            return ContainerBatch.apply(session, containers, name -> session.client().post("/containers/" + name + "/start", null).close());
        }
        if (containers.size() > 1) {
            throw new StatusError(1, "you cannot start and attach multiple containers at once");
        }
        return attached(containers.getFirst());
    }

    private int attached(String name) throws Exception {
        EngineClient client = session.client();
        JsonNode container = JsonTreeReader.read(client.get("/containers/" + name + "/json"));
        String id = container.path("Id").asText();
        boolean tty = container.path("Config").path("Tty").asBoolean();
        boolean stdin = interactive && container.path("Config").path("OpenStdin").asBoolean();
        String path = Query.path("/containers/" + id + "/attach").add("stderr", "1").flag("stdin", stdin).add("stdout", "1")
                .add("stream", "1").addIfPresent("detachKeys", detachKeys).toString();
        boolean terminal = tty && stdin && session.terminals().in();
        try (RawStream stream = client.hijack(path, null);
             RawTerminal raw = terminal ? RawTerminal.enter() : null;
             ClientResponse wait = client.post("/containers/" + id + "/wait", null)) {
            HijackedIO io = HijackedIO.start(stream, tty, stdin ? session.in() : null,
                    detachKeys == null ? DetachKeys.DEFAULT : DetachKeys.parse(detachKeys), session.out(), session.err());
            try {
                client.post("/containers/" + id + "/start", null).close();
            } catch (EngineError e) {
                throw new StatusError(1, "Error response from daemon: " + e.getMessage());
            }
            if (io.await() == HijackedIO.Outcome.DETACHED) {
                return 0;
            }
            return JsonTreeReader.read(wait.body()).path("StatusCode").asInt(1);
        }
    }
}
