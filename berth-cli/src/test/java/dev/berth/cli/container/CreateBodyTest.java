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
}
