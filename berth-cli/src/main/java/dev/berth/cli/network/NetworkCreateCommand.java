package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ApiVersions;
import dev.berth.cli.JsonTreeReader;
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

/**
 * {@code berth network create NETWORK}: the IPAM flags are checked and grouped per subnet first (as
 * docker's CLI does, with its messages), then {@code POST /networks/create}; prints the new ID.
 */
@Command(name = "create", customSynopsis = "berth network create [OPTIONS] NETWORK", description = "Create a network")
public final class NetworkCreateCommand implements Callable<Integer> {
    /** Daemons before this API version want {@code CheckDuplicate}, which docker's client then sets. */
    static final String NO_CHECK_DUPLICATE = "1.44";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-d", "--driver"}, description = "Driver to manage the Network") String driver = "bridge";
    @Option(names = {"-o", "--opt"}, description = "Set driver specific options") List<String> opts = new ArrayList<>();
    @Option(names = "--label", description = "Set metadata on a network") List<String> labels = new ArrayList<>();
    @Option(names = "--internal", description = "Restrict external access to the network") boolean internal;
    @Option(names = "--ipv4", arity = "0..1", fallbackValue = "true", description = "Enable or disable IPv4 address assignment") Boolean ipv4;
    @Option(names = "--ipv6", arity = "0..1", fallbackValue = "true", description = "Enable or disable IPv6 address assignment") Boolean ipv6;
    @Option(names = "--attachable", description = "Enable manual container attachment") boolean attachable;
    @Option(names = "--ingress", description = "Create swarm routing-mesh network") boolean ingress;
    @Option(names = "--scope", description = "Control the network's scope") String scope = "";
    @Option(names = "--config-only", description = "Create a configuration only network") boolean configOnly;
    @Option(names = "--config-from", description = "The network from which to copy the configuration") String configFrom = "";
    @Option(names = "--ipam-driver", description = "IP Address Management Driver") String ipamDriver = "default";
    @Option(names = "--subnet", split = ",", description = "Subnet in CIDR format that represents a network segment") List<String> subnets = new ArrayList<>();
    @Option(names = "--ip-range", split = ",", description = "Allocate container ip from a sub-range") List<String> ipRanges = new ArrayList<>();
    @Option(names = "--gateway", split = ",", description = "IPv4 or IPv6 Gateway for the master subnet") List<String> gateways = new ArrayList<>();
    @Option(names = "--aux-address", description = "Auxiliary IPv4 or IPv6 addresses used by Network driver") List<String> auxAddresses = new ArrayList<>();
    @Option(names = "--ipam-opt", description = "Set IPAM driver specific options") List<String> ipamOpts = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NETWORK") List<String> args = new ArrayList<>();

    public NetworkCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> labelMap = NetworkFlags.labels(spec, labels);
        UsageErrors.requireCount(spec, args.size(), 1, 1);
        List<Map<String, Object>> configs;
        try {
            configs = IpamConsolidator.consolidate(nonEmpty(subnets), nonEmpty(ipRanges), nonEmpty(gateways), NetworkFlags.map(auxAddresses));
        } catch (IllegalArgumentException e) {
            throw new StatusError(1, e.getMessage());
        }
        Map<String, Object> body = body(args.getFirst(), configs, labelMap);
        if (ApiVersions.compare(session.client().apiVersion(), NO_CHECK_DUPLICATE) < 0) {
            body.put("CheckDuplicate", true);
        }
        JsonNode created = JsonTreeReader.read(session.client().post("/networks/create", body));
        session.out().println(created.path("Id").asText());
        return 0;
    }

    /** Go's {@code network.CreateRequest}, fields in its order; EnableIPv4/6 only when their flag was given. */
    Map<String, Object> body(String name, List<Map<String, Object>> configs, Map<String, String> labelMap) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Driver", driver);
        body.put("Scope", scope);
        if (ipv4 != null) {
            body.put("EnableIPv4", ipv4);
        }
        if (ipv6 != null) {
            body.put("EnableIPv6", ipv6);
        }
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("Driver", ipamDriver);
        ipam.put("Options", NetworkFlags.map(ipamOpts));
        ipam.put("Config", configs);
        body.put("IPAM", ipam);
        body.put("Internal", internal);
        body.put("Attachable", attachable);
        body.put("Ingress", ingress);
        body.put("ConfigOnly", configOnly);
        body.put("ConfigFrom", configFrom.isEmpty() ? null : Map.of("Network", configFrom));
        body.put("Options", NetworkFlags.map(opts));
        body.put("Labels", labelMap);
        body.put("Name", name);
        return body;
    }

    /** pflag's string slices drop the empty value {@code --subnet ""} gives. */
    private static List<String> nonEmpty(List<String> values) {
        return values.stream().filter(v -> !v.isEmpty()).toList();
    }
}
