package dev.berth.cli.network;

import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.GoNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth network connect NETWORK CONTAINER}: {@code POST /networks/NETWORK/connect} with the endpoint's settings. */
@Command(name = "connect", customSynopsis = "berth network connect [OPTIONS] NETWORK CONTAINER",
        description = "Connect a container to a network")
public final class NetworkConnectCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--ip", description = "IPv4 address (e.g., \"172.30.100.104\")") String ip = "";
    @Option(names = "--ip6", description = "IPv6 address (e.g., \"2001:db8::33\")") String ip6 = "";
    @Option(names = "--link", description = "Add link to another container") List<String> links = new ArrayList<>();
    @Option(names = "--alias", split = ",", description = "Add network-scoped alias for the container") List<String> aliases = new ArrayList<>();
    @Option(names = "--link-local-ip", split = ",", description = "Add a link-local address for the container") List<String> linkLocalIps = new ArrayList<>();
    @Option(names = "--driver-opt", split = ",", description = "driver options for the network") List<String> driverOpts = new ArrayList<>();
    @Option(names = "--gw-priority", description = "Highest gw-priority provides the default gateway. Accepts positive and negative values.")
    String gwPriority = "0";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NETWORK CONTAINER") List<String> args = new ArrayList<>();

    public NetworkConnectCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        NetworkFlags.links(spec, links);
        long priority;
        try {
            priority = GoNumbers.parseInt(gwPriority);
        } catch (NumberFormatException e) {
            throw NetworkFlags.invalid(spec, "--gw-priority", gwPriority, e.getMessage());
        }
        UsageErrors.requireCount(spec, args.size(), 2, 2);
        Map<String, Object> body = body(args.get(0), args.get(1), priority);
        session.client().post("/networks/" + args.get(0).strip() + "/connect", body).close();
        return 0;
    }

    /** Go's {@code ConnectOptions}; the endpoint always carries IPAMConfig, Aliases and DriverOpts, empty or not. */
    Map<String, Object> body(String network, String container, long priority) {
        Map<String, String> options = driverOptions(driverOpts);
        if (network.strip().isEmpty()) {
            throw new StatusError(1, NetworkRmCommand.EMPTY_NETWORK);
        }
        if (container.strip().isEmpty()) {
            throw new StatusError(1, "invalid container name or ID: value is empty");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container.strip());
        body.put("EndpointConfig", EndpointSettings.json(EndpointSettings.ipam(ip, ip6, nonEmpty(linkLocalIps)),
                links.isEmpty() ? null : links, nonEmpty(aliases), "", options, priority));
        return body;
    }

    /** docker's convertDriverOpt: {@code key=value}, both trimmed, the key not empty. */
    static Map<String, String> driverOptions(List<String> options) {
        Map<String, String> map = new TreeMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            String key = eq < 0 ? "" : option.substring(0, eq).strip();
            if (key.isEmpty()) {
                throw new StatusError(1, "invalid key/value pair format in driver options");
            }
            map.put(key, option.substring(eq + 1).strip());
        }
        return map;
    }

    private static List<String> nonEmpty(List<String> values) {
        return values.stream().filter(v -> !v.isEmpty()).toList();
    }
}
