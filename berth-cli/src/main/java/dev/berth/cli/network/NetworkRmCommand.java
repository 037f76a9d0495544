package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Prompt;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth network rm}: for each network, {@code GET /networks/X} (to ask before removing a swarm
 * ingress network) then {@code DELETE /networks/X}; each failure is printed as it happens and the
 * command ends with docker's {@code exit status 1}.
 */
@Command(name = "rm", aliases = "remove", customSynopsis = "berth network rm NETWORK [NETWORK...]",
        description = "Remove one or more networks")
public final class NetworkRmCommand implements Callable<Integer> {
    static final String EMPTY_NETWORK = "invalid network name or ID: value is empty";
    static final String INGRESS_WARNING = "WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run "
            + "the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress "
            + "networks will be impaired.\nAre you sure you want to continue?";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--force"}, description = "Do not error if the network does not exist") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NETWORK") List<String> networks = new ArrayList<>();

    public NetworkRmCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, networks.size(), 1, Integer.MAX_VALUE);
        boolean failed = false;
        for (String name : networks) {
            String id = name.strip();
            if (id.isEmpty()) {
                session.err().println(EMPTY_NETWORK);
                failed = true;
                continue;
            }
            if (isIngress(id) && !Prompt.confirm(session, INGRESS_WARNING)) {
                continue;
            }
            try {
                session.client().delete("/networks/" + id).close();
                session.out().println(name);
            } catch (EngineError e) {
                if (!(force && e.status() == 404)) {
                    session.err().println("Error response from daemon: " + e.getMessage());
                    failed = true;
                }
            }
        }
        if (failed) {
            throw new StatusError(1, "exit status 1");
        }
        return 0;
    }

    /** The look docker's CLI takes first; a network it cannot read is simply not an ingress network. */
    private boolean isIngress(String id) throws IOException {
        try {
            JsonNode network = JsonTreeReader.read(session.client().get("/networks/" + id));
            return network.path("Ingress").asBoolean(false);
        } catch (EngineError e) {
            return false;
        }
    }
}
