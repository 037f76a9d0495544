package dev.berth.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.Traces;
import dev.berth.http.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** network create and connect send the bodies docker sends for the same flags (network.log and a proxy capture). */
class NetworkRequestBodyTest {
    private static final Session SESSION = new Session(System.in, System.out, System.err, Map.of(), Session.Terminals.NONE, Clock.systemUTC());

    private static <T> T parsed(T command, String... args) {
        new CommandLine(command, SESSION::factoryCreate).parseArgs(args);
        return command;
    }

    private static String createBody(String... args) throws Exception {
        NetworkCreateCommand create = parsed(new NetworkCreateCommand(SESSION), args);
        Map<String, Object> body = create.body(create.args.getFirst(), IpamConsolidator.consolidate(create.subnets, create.ipRanges,
                create.gateways, NetworkFlags.map(create.auxAddresses)), NetworkFlags.map(create.labels));
        return Json.mapper().writeValueAsString(body);
    }

    private static String traced(String prefix, int n) {
        return Traces.json("network", prefix, n).toString();
    }

    @Test
    void create_sends_the_traced_body_without_check_duplicate_at_current_api() throws Exception {
        String traced = traced("{\"Driver\"", 0);
        assertEquals(traced.replace(",\"CheckDuplicate\":true", ""), createBody("--label", "trace=1", "trace-net"));
        assertEquals(traced("{\"Driver\"", 2).replace(",\"CheckDuplicate\":true", ""), createBody("trace-net2"));
    }

    @Test
    void create_sends_every_flag_where_docker_puts_it() throws Exception {
        assertEquals("{\"Driver\":\"bridge\",\"Scope\":\"local\",\"EnableIPv4\":false,\"EnableIPv6\":false,\"IPAM\":{\"Driver\":\"default\","
                        + "\"Options\":{\"x\":\"1\"},\"Config\":[{\"Subnet\":\"10.55.0.0/24\",\"IPRange\":\"10.55.0.128/25\",\"Gateway\":\"10.55.0.1\","
                        + "\"AuxiliaryAddresses\":{\"a\":\"10.55.0.8\",\"b\":\"10.55.0.9\"}}]},\"Internal\":true,\"Attachable\":true,\"Ingress\":false,"
                        + "\"ConfigOnly\":true,\"ConfigFrom\":null,\"Options\":{\"o\":\"1\"},\"Labels\":{\"l\":\"1\"},\"Name\":\"cfgonly\"}",
                createBody("--ipv4=false", "--ipv6=false", "--config-only", "--subnet", "10.55.0.0/24", "--gateway", "10.55.0.1",
                        "--aux-address", "b=10.55.0.9", "--aux-address", "a=10.55.0.8", "--ip-range", "10.55.0.128/25", "--ipam-opt", "x=1",
                        "-o", "o=1", "--label", "l=1", "--scope", "local", "--attachable", "--internal", "cfgonly"));
        assertEquals("{\"Driver\":\"bridge\",\"Scope\":\"\",\"EnableIPv6\":true,\"IPAM\":{\"Driver\":\"foo\",\"Options\":{},\"Config\":[]},"
                        + "\"Internal\":false,\"Attachable\":false,\"Ingress\":true,\"ConfigOnly\":false,\"ConfigFrom\":{\"Network\":\"cfgonly\"},"
                        + "\"Options\":{},\"Labels\":{},\"Name\":\"fromcfg\"}",
                createBody("--config-from", "cfgonly", "--ingress", "--ipam-driver", "foo", "--ipv6", "fromcfg"));
        assertEquals("[{\"Subnet\":\"10.1.0.0/24\",\"Gateway\":\"10.1.0.1\"},{\"Subnet\":\"10.2.0.0/24\",\"Gateway\":\"10.2.0.1\"}]",
                Json.mapper().readTree(createBody("--subnet", "10.1.0.0/24,10.2.0.0/24", "--gateway", "10.1.0.1,10.2.0.1", "x"))
                        .path("IPAM").path("Config").toString());
    }

    @Test
    void connect_sends_the_traced_body_and_every_endpoint_flag() throws Exception {
        NetworkConnectCommand traced = parsed(new NetworkConnectCommand(SESSION), "--alias", "trace-alias", "trace-net", "trace-netc");
        assertEquals(traced("{\"Container\":\"trace-netc\",\"EndpointConfig\"", 0),
                Json.mapper().writeValueAsString(traced.body("trace-net", "trace-netc", 0)));
        NetworkConnectCommand full = parsed(new NetworkConnectCommand(SESSION), "--ip", "10.1.1.7", "--ip6", "fd00::7", "--alias", "a1",
                "--alias", "a2,a3", "--link", "c1:l1", "--driver-opt", "k=v", "--link-local-ip", "169.254.1.1", "n1", "c2");
        assertEquals("{\"Container\":\"c2\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.1.7\",\"IPv6Address\":\"fd00::7\","
                        + "\"LinkLocalIPs\":[\"169.254.1.1\"]},\"Links\":[\"c1:l1\"],\"Aliases\":[\"a1\",\"a2\",\"a3\"],\"MacAddress\":\"\","
                        + "\"DriverOpts\":{\"k\":\"v\"},\"GwPriority\":5,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\","
                        + "\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}}",
                Json.mapper().writeValueAsString(full.body("n1", " c2 ", 5)));
        assertEquals("{\"Container\":\"c3\",\"EndpointConfig\":{\"IPAMConfig\":{},\"Links\":null,\"Aliases\":[],\"MacAddress\":\"\",\"DriverOpts\":{},"
                        + "\"GwPriority\":0,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\","
                        + "\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}}",
                Json.mapper().writeValueAsString(parsed(new NetworkConnectCommand(SESSION), "n1", "c3").body("n1", "c3", 0)));
    }

    @Test
    void connect_refuses_bad_driver_options_and_empty_names() {
        NetworkConnectCommand connect = parsed(new NetworkConnectCommand(SESSION), "--driver-opt", "=v", "n", "c");
        assertEquals("invalid key/value pair format in driver options", assertThrows(StatusError.class, () -> connect.body("n", "c", 0)).getMessage());
        NetworkConnectCommand plain = parsed(new NetworkConnectCommand(SESSION), "n", "c");
        assertEquals("invalid network name or ID: value is empty", assertThrows(StatusError.class, () -> plain.body(" ", "c", 0)).getMessage());
        assertEquals("invalid container name or ID: value is empty", assertThrows(StatusError.class, () -> plain.body("n", "", 0)).getMessage());
    }

    @Test
    void maps_options_as_docker_map_opts_do() {
        assertEquals(Map.of("a", "b=c", "d", "", "", "e"), NetworkFlags.map(List.of("a=b=c", "d", "=e")));
    }
}
