package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.EngineClient;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.http.RawStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth exec CONTAINER COMMAND…}: inspect the container, create the exec, start it hijacked
 * (or detached with {@code -d}), and exit with the exec's {@code ExitCode} from {@code GET /exec/ID/json}.
 */
@Command(name = "exec", customSynopsis = "berth exec [OPTIONS] CONTAINER COMMAND [ARG...]",
        description = "Execute a command in a running container")
public final class ExecCommand implements Callable<Integer> {
    private final Session session;
    private CommandSpec spec;
    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background") boolean detach;
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container") String detachKeys;
    @Option(names = {"-e", "--env"}, description = "Set environment variables") List<String> env = new ArrayList<>();
    @Option(names = "--env-file", description = "Read in a file of environment variables") List<String> envFiles = new ArrayList<>();
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached") boolean interactive;
    @Option(names = "--privileged", description = "Give extended privileges to the command") boolean privileged;
    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY") boolean tty;
    @Option(names = {"-u", "--user"}, description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")") String user = "";
    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container") String workdir = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER COMMAND [ARG...]") List<String> args = new ArrayList<>();

    public ExecCommand(Session session) {
        this.session = session;
    }

    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.parser().stopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 2, Integer.MAX_VALUE);
        if (tty && interactive && !session.terminals().in()) {
            throw new StatusError(1, "the input device is not a TTY");
        }
        EngineClient client = session.client();
        String container = args.getFirst();
        JsonTreeReader.read(client.get("/containers/" + container + "/json"));
        String id = JsonTreeReader.read(client.post("/containers/" + container + "/exec", body())).path("Id").asText();
        if (detach) {
            client.post("/exec/" + id + "/start", Map.of("Detach", true, "Tty", tty)).close();
            return 0;
        }
        boolean terminal = tty && interactive && session.terminals().in();
        try (RawStream stream = client.hijack("/exec/" + id + "/start", start());
             RawTerminal raw = terminal ? RawTerminal.enter() : null) {
            HijackedIO io = HijackedIO.start(stream, tty, interactive ? session.in() : null,
                    detachKeys == null ? DetachKeys.DEFAULT : DetachKeys.parse(detachKeys), session.out(), session.err());
            try (ResizeWatcher resizes = tty && session.terminals().out() ? ResizeWatcher.start(client, "/exec/" + id) : null) {
                if (io.await() == HijackedIO.Outcome.DETACHED) {
                    throw new StatusError(1, "read escape sequence");
                }
            }
        }
        JsonNode inspect = JsonTreeReader.read(client.get("/exec/" + id + "/json"));
        return inspect.path("ExitCode").asInt();
    }

    Map<String, Object> body() {
        ContainerOptions envOnly = new ContainerOptions();
        envOnly.env = env;
        envOnly.envFiles = envFiles;
        List<String> environment = new CreateBody(envOnly, session.env()).env();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("User", user);
        body.put("Privileged", privileged);
        body.put("Tty", tty);
        body.put("AttachStdin", interactive && !detach);
        body.put("AttachStderr", !detach);
        body.put("AttachStdout", !detach);
        body.put("Detach", detach);
        body.put("DetachKeys", detachKeys == null ? "" : detachKeys);
        body.put("Env", environment.isEmpty() ? null : environment);
        body.put("WorkingDir", workdir);
        body.put("Cmd", args.subList(1, args.size()));
        int[] size = tty && session.terminals().out() ? RawTerminal.size() : null;
        if (size != null) {
            body.put("ConsoleSize", List.of(size[0], size[1]));
        }
        return body;
    }

    private Map<String, Object> start() {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("Detach", false);
        start.put("Tty", tty);
        return start;
    }
}
