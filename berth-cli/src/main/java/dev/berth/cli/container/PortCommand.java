package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.GoNumbers;
import dev.berth.cli.format.NaturalOrder;
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

    /** docker's runPort: {@code PORT[/PROTO]} checked as a uint16, lines in natural order ({@code 0.0.0.0:…} before {@code [::]:…}). */
    static String render(JsonNode ports, String wanted, String container) {
        List<String> lines = new ArrayList<>();
        if (wanted != null) {
            int slash = wanted.indexOf('/');
            String port = slash < 0 ? wanted : wanted.substring(0, slash);
            String proto = slash < 0 || slash == wanted.length() - 1 ? "tcp" : wanted.substring(slash + 1);
            try {
                GoNumbers.parseUint(port, 16);
            } catch (NumberFormatException e) {
                throw new StatusError(1, "Error: invalid port (" + port + "): " + e.getMessage());
            }
            JsonNode bindings = ports.path(port + "/" + proto);
            if (!bindings.isArray() || bindings.isEmpty()) {
                throw new StatusError(1, "Error: No public port '" + wanted + "' published for " + container);
            }
            bindings.forEach(b -> lines.add(address(b)));
        } else {
            ports.properties().forEach(e -> e.getValue().forEach(b -> lines.add(e.getKey() + " -> " + address(b))));
        }
        lines.sort(NaturalOrder.INSTANCE);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Go's net.JoinHostPort: brackets around an IPv6 host. */
    private static String address(JsonNode binding) {
        String ip = binding.path("HostIp").asText();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + binding.path("HostPort").asText();
    }
}
