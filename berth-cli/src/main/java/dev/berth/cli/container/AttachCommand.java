package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineClient;
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
 * {@code berth attach CONTAINER}: wait (so the exit code is known), inspect for TTY and stdin, attach,
 * copy the streams; ctrl-p ctrl-q detaches with docker's {@code read escape sequence} and exit 1.
 */
@Command(name = "attach", customSynopsis = "berth attach [OPTIONS] CONTAINER",
        description = "Attach local standard input, output, and error streams to a running container")
public final class AttachCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container") String detachKeys;
    @Option(names = "--no-stdin", description = "Do not attach STDIN") boolean noStdin;
    @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", description = "Proxy all received signals to the process") boolean sigProxy = true;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    public AttachCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, containers.size(), 1, 1);
        EngineClient client = session.client();
        String name = containers.getFirst();
        try (ClientResponse wait = client.post("/containers/" + name + "/wait", null)) {
            JsonNode container = JsonTreeReader.read(client.get("/containers/" + name + "/json"));
            JsonNode state = container.path("State");
            if (!state.path("Running").asBoolean()) {
                throw new StatusError(1, "You cannot attach to a stopped container, start it first");
            }
            if (state.path("Paused").asBoolean()) {
                throw new StatusError(1, "You cannot attach to a paused container, unpause it first");
            }
            boolean tty = container.path("Config").path("Tty").asBoolean();
            boolean stdin = !noStdin && container.path("Config").path("OpenStdin").asBoolean();
            String path = Query.path("/containers/" + name + "/attach").add("stderr", "1").flag("stdin", stdin).add("stdout", "1")
                    .add("stream", "1").addIfPresent("detachKeys", detachKeys).toString();
            boolean terminal = tty && stdin && session.terminals().in();
            try (RawStream stream = client.hijack(path, null);
                 RawTerminal raw = terminal ? RawTerminal.enter() : null;
                 ResizeWatcher resizes = tty && session.terminals().out() ? ResizeWatcher.start(client, "/containers/" + name) : null;
                 SignalProxy signals = sigProxy && !tty ? SignalProxy.forward(client, name) : null) {
                HijackedIO io = HijackedIO.start(stream, tty, stdin ? session.in() : null,
                        detachKeys == null ? DetachKeys.DEFAULT : DetachKeys.parse(detachKeys), session.out(), session.err());
                if (io.await() == HijackedIO.Outcome.DETACHED) {
                    throw new StatusError(1, "read escape sequence");
                }
            }
            return JsonTreeReader.read(wait.body()).path("StatusCode").asInt();
        }
    }
}
