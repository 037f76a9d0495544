package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineClient;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.http.RawStream;
import java.io.IOException;

/**
 * The foreground half of {@code docker run}: attach, wait, start in that order (so no output is
 * lost and the wait is in place before the container can exit), copy the streams, and exit with the
 * container's status from the wait reply.
 *
 * <p>Use: {@code int status = new AttachedRun(session, creator, options, true).run(id);}
 */
public record AttachedRun(Session session, ContainerCreator creator, ContainerOptions options, boolean sigProxy) {

    public int run(String id) throws IOException {
        EngineClient client = session.client();
        DetachKeys keys = options.detachKeys == null ? DetachKeys.DEFAULT : DetachKeys.parse(options.detachKeys);
        String attach = Query.path("/containers/" + id + "/attach").add("stderr", "1").flag("stdin", options.interactive)
                .add("stdout", "1").add("stream", "1").addIfPresent("detachKeys", options.detachKeys).toString();
        boolean terminal = options.tty && session.terminals().in();
        try (RawStream stream = client.hijack(attach, null);
             RawTerminal raw = terminal ? RawTerminal.enter() : null) {
            HijackedIO io = HijackedIO.start(stream, options.tty, options.interactive ? session.in() : null, keys,
                    session.out(), session.err());
            String condition = options.rm ? "removed" : "next-exit";
            try (ClientResponse wait = client.post("/containers/" + id + "/wait?condition=" + condition, null)) {
                start(client, id);
                boolean resize = options.tty && session.terminals().out();
                boolean proxy = sigProxy && !options.tty;
                try (ResizeWatcher resizes = resize ? ResizeWatcher.start(client, "/containers/" + id) : null;
                     SignalProxy signals = proxy ? SignalProxy.forward(client, id) : null) {
                    // docker run ends quietly with 0 when the user detaches; the container runs on.
                    if (io.await() == HijackedIO.Outcome.DETACHED) {
                        return 0;
                    }
                }
                return status(JsonTreeReader.read(wait.body()));
            }
        }
    }

    private void start(EngineClient client, String id) throws IOException {
        try {
            client.post("/containers/" + id + "/start", null).close();
        } catch (EngineError e) {
            throw creator.withHelp(startStatus(e.getMessage()), "Error response from daemon: " + e.getMessage());
        }
    }

    /** docker decides run's exit code for a failed start from the error text: 127 not found, 126 not executable, else 125. */
    public static int startStatus(String message) {
        if (message.contains("executable file not found") || message.contains("no such file or directory")) {
            return 127;
        }
        if (message.contains("permission denied") || message.contains("is a directory")) {
            return 126;
        }
        return 125;
    }

    private static int status(JsonNode wait) {
        JsonNode error = wait.path("Error");
        if (error.isObject() && !error.path("Message").asText().isEmpty()) {
            throw new StatusError(125, error.path("Message").asText());
        }
        return wait.path("StatusCode").asInt(125);
    }
}
