package dev.berth.cli.network;

import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
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

/** {@code berth network disconnect NETWORK CONTAINER}: {@code POST /networks/NETWORK/disconnect}. */
@Command(name = "disconnect", customSynopsis = "berth network disconnect [OPTIONS] NETWORK CONTAINER",
        description = "Disconnect a container from a network")
public final class NetworkDisconnectCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--force"}, description = "Force the container to disconnect from a network") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NETWORK CONTAINER") List<String> args = new ArrayList<>();

    public NetworkDisconnectCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 2, 2);
        String network = args.get(0).strip();
        String container = args.get(1).strip();
        if (network.isEmpty()) {
            throw new StatusError(1, NetworkRmCommand.EMPTY_NETWORK);
        }
        if (container.isEmpty()) {
            throw new StatusError(1, "invalid container name or ID: value is empty");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container);
        body.put("Force", force);
        session.client().post("/networks/" + network + "/disconnect", body).close();
        return 0;
    }
}
