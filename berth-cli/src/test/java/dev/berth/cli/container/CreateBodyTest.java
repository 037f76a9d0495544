package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Session;
import dev.berth.cli.Traces;
import dev.berth.http.Json;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** run's flags become the create body docker sends for them (bodies captured in the reference traces). */
class CreateBodyTest {

    private static JsonNode body(Map<String, String> env, CreateBody.Attach mode, int[] console, String... args) {
        Session session = new Session(System.in, System.out, System.err, env, Session.Terminals.NONE, Clock.systemUTC());
        RunCommand run = new RunCommand(session);
        new CommandLine(run, session::factoryCreate).parseArgs(args);
        Map<String, Object> body = new CreateBody(run.options, env).build(run.args.getFirst(), run.args.subList(1, run.args.size()), mode, console);
        return Json.mapper().valueToTree(body);
    }

    private static JsonNode trace(String name, int n) {
        return Traces.json(name, "{\"Hostname\"", n);
    }

    /** Same fields in the same order with the same values (as text: Jackson's int and long nodes differ). */
    private static void assertSameBody(JsonNode expected, JsonNode actual) {
        assertEquals(expected.toString(), actual.toString());
    }

    @Test
    void maps_run_d_flags_like_docker_when_publishing_env_volume_label() {
        JsonNode expected = trace("run-d", 0);
        String cmd = expected.path("Cmd").get(2).asText();
        JsonNode ours = body(Map.of(), CreateBody.Attach.NONE, null, "-d", "--name", "trace-d", "-p", "127.0.0.1:18080:80", "-e", "FOO=bar",
                "-v", "trace-vol0:/data", "--label", "trace=1", "trace-busybox", "sh", "-c", cmd);
        assertSameBody(expected, ours);
    }

    @Test
    void maps_run_it_rm_like_docker_when_given_a_console_size() {
        assertSameBody(trace("run-it", 0), body(Map.of(), CreateBody.Attach.FOREGROUND, new int[] {30, 100}, "-it", "--rm", "--name", "trace-it",
                "trace-busybox", "sh"));
    }

    @Test
    void maps_run_i_and_plain_foreground_runs_like_docker() {
        assertSameBody(trace("run-i", 0), body(Map.of(), CreateBody.Attach.FOREGROUND, null, "-i", "--rm", "--name", "trace-i", "trace-busybox",
                "sh", "-c", "cat; sleep 1; echo done >&2"));
        assertSameBody(trace("run-rm", 0), body(Map.of(), CreateBody.Attach.FOREGROUND, null, "--rm", "--name", "trace-rm", "trace-busybox",
                "sh", "-c", "echo out; echo err >&2; exit 3"));
    }

    @Test
    void sends_network_none_without_endpoints() {
        assertSameBody(trace("errors", 0), body(Map.of(), CreateBody.Attach.FOREGROUND, null, "--rm", "--network", "none", "trace-busybox",
                "/nonexistent"));
    }

    @Test
    void maps_resource_and_security_flags_when_given() {
        JsonNode h = body(Map.of("HOME_VAR", "x"), CreateBody.Attach.NONE, null, "-m", "64m", "--memory-swap", "-1", "--memory-reservation", "32m",
                "--cpus", "0.5", "-c", "512", "--pids-limit", "100", "--shm-size", "1g", "--ulimit", "nofile=1024:2048",
                "--cap-add", "NET_ADMIN", "--cap-drop", "ALL", "--privileged", "--read-only", "--tmpfs", "/run:size=1m",
                "--init", "--restart", "on-failure:3", "--add-host", "db=10.0.0.2", "--dns", "1.1.1.1", "-e", "HOME_VAR", "busybox").path("HostConfig");
        assertEquals(67108864L, h.path("Memory").asLong());
        assertEquals(-1, h.path("MemorySwap").asLong());
        assertEquals(33554432L, h.path("MemoryReservation").asLong());
        assertEquals(500000000L, h.path("NanoCpus").asLong());
        assertEquals(512, h.path("CpuShares").asInt());
        assertEquals(100, h.path("PidsLimit").asInt());
        assertEquals(1L << 30, h.path("ShmSize").asLong());
        assertEquals("[{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}]", h.path("Ulimits").toString());
        assertEquals("[\"NET_ADMIN\"]", h.path("CapAdd").toString());
        assertEquals("{\"/run\":\"size=1m\"}", h.path("Tmpfs").toString());
        assertEquals(true, h.path("Init").asBoolean());
        assertEquals("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}", h.path("RestartPolicy").toString());
        assertEquals("[\"db:10.0.0.2\"]", h.path("ExtraHosts").toString());
        assertEquals(true, h.path("Privileged").asBoolean() && h.path("ReadonlyRootfs").asBoolean());
    }

    @Test
    void maps_config_flags_when_given() {
        JsonNode c = body(Map.of("FROM_HOST", "v"), CreateBody.Attach.NONE, null, "-e", "FROM_HOST", "-e", "MISSING", "-w", "/tmp", "-u", "1000",
                "--entrypoint", "/bin/sh", "-h", "box", "--stop-signal", "SIGINT", "--stop-timeout", "5", "-v", "/anon",
                "--expose", "7000-7001/udp", "--health-cmd", "true", "--health-interval", "1m30s", "--health-retries", "2", "busybox");
        assertEquals("[\"FROM_HOST=v\",\"MISSING\"]", c.path("Env").toString());
        assertEquals("/tmp", c.path("WorkingDir").asText());
        assertEquals("[\"/bin/sh\"]", c.path("Entrypoint").toString());
        assertEquals("box", c.path("Hostname").asText());
        assertEquals(5, c.path("StopTimeout").asInt());
        assertEquals("{\"/anon\":{}}", c.path("Volumes").toString());
        assertEquals("{\"7000/udp\":{},\"7001/udp\":{}}", c.path("ExposedPorts").toString());
        assertEquals("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":90000000000,\"Retries\":2}", c.path("Healthcheck").toString());
        assertEquals(true, c.path("Cmd").isNull());
    }

    @Test
    void rejects_bad_values_with_dockers_flag_message() {
        InvalidFlag memory = assertThrows(InvalidFlag.class, () -> body(Map.of(), CreateBody.Attach.NONE, null, "-m", "64x", "busybox"));
        assertEquals("invalid argument \"64x\" for \"-m, --memory\" flag: invalid size: '64x'", memory.getMessage());
        InvalidFlag cpus = assertThrows(InvalidFlag.class, () -> body(Map.of(), CreateBody.Attach.NONE, null, "--cpus", "half", "busybox"));
        assertEquals("invalid argument \"half\" for \"--cpus\" flag: failed to parse half as a rational number", cpus.getMessage());
        assertThrows(IllegalArgumentException.class, () -> body(Map.of(), CreateBody.Attach.NONE, null, "--rm", "--restart", "always", "busybox"));
    }

    @Test
    void stops_option_parsing_at_the_image() {
        JsonNode c = body(Map.of(), CreateBody.Attach.NONE, null, "busybox", "ls", "-l", "--rm");
        assertEquals("[\"ls\",\"-l\",\"--rm\"]", c.path("Cmd").toString());
        assertEquals(false, c.path("HostConfig").path("AutoRemove").asBoolean());
    }
    private static final String EMPTY_ENDPOINT_TAIL = "\"MacAddress\":\"\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"\",\"EndpointID\":\"\","
            + "\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}";

    /** Captured from docker 28.2.2 through a logging proxy: {@code create --network n1 --link x:y --network-alias al --ip … tiny}. */
    @Test
    void maps_network_port_and_name_resolution_flags_like_docker() {
        JsonNode body = body(Map.of(), CreateBody.Attach.FOREGROUND, null, "--name", "c1", "--network", "n1", "--link", "x:y", "--network-alias", "al",
                "--ip", "10.9.9.9", "--ip6", "fd00::5", "-p", "127.0.0.1::80", "-p", "80/UDP", "-p", "[::1]:9000-9001:90-91", "-P",
                "--expose", "7000-7001", "--dns", "0:0::1", "--dns-search", "example.com.", "--add-host", "h=::1", "tiny");
        JsonNode h = body.path("HostConfig");
        assertEquals("{\"7000/tcp\":{},\"7001/tcp\":{},\"80/tcp\":{},\"80/udp\":{},\"90/tcp\":{},\"91/tcp\":{}}", body.path("ExposedPorts").toString());
        assertEquals("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}],\"80/udp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],"
                + "\"90/tcp\":[{\"HostIp\":\"::1\",\"HostPort\":\"9000\"}],\"91/tcp\":[{\"HostIp\":\"::1\",\"HostPort\":\"9001\"}]}",
                h.path("PortBindings").toString());
        assertEquals("n1 [\"::1\"] [\"example.com\"] [\"h:::1\"] [\"x:y\"] true", h.path("NetworkMode").asText() + " " + h.path("Dns") + " "
                + h.path("DnsSearch") + " " + h.path("ExtraHosts") + " " + h.path("Links") + " " + h.path("PublishAllPorts"));
        assertEquals("{\"EndpointsConfig\":{\"n1\":{\"IPAMConfig\":{\"IPv4Address\":\"10.9.9.9\",\"IPv6Address\":\"fd00::5\"},"
                + "\"Links\":[\"x:y\"],\"Aliases\":[\"al\"]," + EMPTY_ENDPOINT_TAIL + "}}", body.path("NetworkingConfig").toString());
    }

    @Test
    void sends_legacy_links_only_in_host_config_on_the_default_bridge() {
        JsonNode body = body(Map.of(), CreateBody.Attach.FOREGROUND, null, "--network", "bridge", "--link", "x:y", "tiny");
        assertEquals("[\"x:y\"]", body.path("HostConfig").path("Links").toString());
        assertEquals("{\"EndpointsConfig\":{}}", body.path("NetworkingConfig").toString());
        assertEquals("{\"EndpointsConfig\":{}}", body(Map.of(), CreateBody.Attach.NONE, null, "--net", "my-net", "tiny")
                .path("NetworkingConfig").toString());
    }

    @Test
    void sends_every_network_of_the_long_form_with_its_options() {
        JsonNode body = body(Map.of(), CreateBody.Attach.FOREGROUND, null, "--network", "name=n1,alias=x,ip=10.1.1.1,driver-opt=a=b",
                "--network", "n2", "tiny");
        assertEquals("n1", body.path("HostConfig").path("NetworkMode").asText());
        assertEquals("{\"EndpointsConfig\":{\"n1\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.1.1\"},\"Links\":null,\"Aliases\":[\"x\"],"
                + "\"MacAddress\":\"\",\"DriverOpts\":{\"a\":\"b\"},\"GwPriority\":0,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\","
                + "\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null},"
                + "\"n2\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null," + EMPTY_ENDPOINT_TAIL + "}}", body.path("NetworkingConfig").toString());
        JsonNode mac = body(Map.of(), CreateBody.Attach.NONE, null, "--mac-address", "02:42:ac:11:00:02", "--ip", "172.17.0.9", "tiny");
        assertEquals("{\"IPv4Address\":\"172.17.0.9\"} 02:42:ac:11:00:02", mac.path("NetworkingConfig").path("EndpointsConfig").path("default")
                .path("IPAMConfig") + " " + mac.path("NetworkingConfig").path("EndpointsConfig").path("default").path("MacAddress").asText());
        assertEquals("{\"IPv4Address\":\"1.1.1.1\"}", body(Map.of(), CreateBody.Attach.NONE, null, "--network", "none", "--ip", "1.1.1.1", "tiny")
                .path("NetworkingConfig").path("EndpointsConfig").path("none").path("IPAMConfig").toString());
    }

    @Test
    void refuses_network_combinations_as_docker_does() {
        assertEquals("network-scoped aliases are only supported for user-defined networks", refusal("--network-alias", "a", "tiny"));
        assertEquals("network-scoped aliases are only supported for user-defined networks", refusal("--network", "bridge", "--net-alias", "a", "tiny"));
        assertEquals("conflicting options: cannot attach both user-defined and non-user-defined network-modes",
                refusal("--network", "n1", "--network", "none", "tiny"));
        assertEquals("network \"n1\" is specified multiple times", refusal("--network", "n1", "--network", "n1", "tiny"));
        assertEquals("conflicting options: cannot specify both --ip and per-network IPv4 address",
                refusal("--network", "name=n1,ip=10.0.0.2", "--ip", "10.0.0.3", "tiny"));
        assertEquals("zz is not a valid mac address", refusal("--mac-address", "zz", "tiny"));
        assertEquals("invalid port format for --expose: 80:90", refusal("--expose", "80:90", "tiny"));
        assertEquals("invalid containerPort: abc", refusal("-p", "8080:abc", "tiny"));
        assertEquals("invalid publish opts format (should be name=value but got 'x')", refusal("-p", "published=8080,x", "tiny"));
    }

    @Test
    void refuses_bad_name_resolution_flags_as_flag_errors() {
        assertEquals("invalid argument \"bogus\" for \"--dns\" flag: IP address is not correctly formatted: bogus", flagRefusal("--dns", "bogus", "tiny"));
        assertEquals("invalid argument \"bad\" for \"--add-host\" flag: bad format for add-host: \"bad\"", flagRefusal("--add-host", "bad", "tiny"));
        assertEquals("invalid argument \"h:nope\" for \"--add-host\" flag: invalid IP address in add-host: \"nope\"",
                flagRefusal("--add-host", "h:nope", "tiny"));
        assertEquals("invalid argument \"1.2\" for \"--dns-search\" flag: 1.2 is not a valid domain", flagRefusal("--dns-search", "1.2", "tiny"));
        assertEquals("invalid argument \"name=n1,foo=bar\" for \"--network\" flag: invalid field key foo",
                flagRefusal("--network", "name=n1,foo=bar", "tiny"));
        assertEquals("invalid argument \"a:b:c\" for \"--link\" flag: bad format for links: a:b:c", flagRefusal("--link", "a:b:c", "tiny"));
    }

    @Test
    void publishes_the_long_form_and_keeps_host_gateway() {
        JsonNode h = body(Map.of(), CreateBody.Attach.NONE, null, "-p", "published=8080,target=80,protocol=udp", "--add-host", "gw:host-gateway",
                "--add-host", "v6=[::1]", "tiny").path("HostConfig");
        assertEquals("{\"80/udp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}", h.path("PortBindings").toString());
        assertEquals("[\"gw:host-gateway\",\"v6:::1\"]", h.path("ExtraHosts").toString());
    }

    private static String refusal(String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> body(Map.of(), CreateBody.Attach.NONE, null, args));
        assertEquals(IllegalArgumentException.class, e.getClass());
        return e.getMessage();
    }

    private static String flagRefusal(String... args) {
        return assertThrows(InvalidFlag.class, () -> body(Map.of(), CreateBody.Attach.NONE, null, args)).getMessage();
    }
}
