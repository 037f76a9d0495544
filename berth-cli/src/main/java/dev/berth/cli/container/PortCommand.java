package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.JsonTreeReader;
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

/** {@code berth port CONTAINER [PRIVATE_PORT[/PROTO]]}: the published ports from the container's inspect. */
@Command(name = "port", customSynopsis = "berth port CONTAINER [PRIVATE_PORT[/PROTO]]",
        description = "List port mappings or a specific mapping for the container")
public final class PortCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER [PRIVATE_PORT[/PROTO]]") List<String> args = new ArrayList<>();

    public PortCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 1, 2);
        JsonNode ports = JsonTreeReader.read(session.client().get("/containers/" + args.getFirst() + "/json"))
                .path("NetworkSettings").path("Ports");
        session.out().print(render(ports, args.size() > 1 ? args.get(1) : null, args.getFirst()));
        return 0;
    }

    static String render(JsonNode ports, String wanted, String container) {
        List<String> lines = new ArrayList<>();
        if (wanted != null) {
            String key = wanted.contains("/") ? wanted : wanted + "/tcp";
            JsonNode bindings = ports.path(key);
            if (!bindings.isArray() || bindings.isEmpty()) {
                throw new StatusError(1, "Error: No public port '" + key + "' published for " + container);
            }
            bindings.forEach(b -> lines.add(address(b)));
            return String.join("\n", lines) + "\n";
        }
        ports.properties().forEach(e -> e.getValue().forEach(b -> lines.add(e.getKey() + " -> " + address(b))));
        lines.sort(null);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static String address(JsonNode binding) {
        String ip = binding.path("HostIp").asText();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + binding.path("HostPort").asText();
    }
}
