package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.OciJson;
import dev.berth.runtime.spec.ProcessUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecProcessSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINER_PROCESS = """
            {"terminal":false,"user":{"uid":0,"gid":0,"additionalGids":[0]},"args":["sleep","600"],
             "env":["PATH=/bin","HOSTNAME=abc"],"cwd":"/etc","rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}],
             "capabilities":{"bounding":["CAP_CHOWN"],"effective":["CAP_CHOWN"],"permitted":["CAP_CHOWN"]},
             "noNewPrivileges":true}""";

    private static ContainerRecord record() throws Exception {
        return OciJson.read("""
                {"Id":"abc","Name":"/box","Created":"2026-11-28T04:00:00Z","Path":"sleep","Args":["600"],
                 "Config":{"Hostname":"abc123","Env":["FROM_RUN=1","X=run"],"WorkingDir":"/etc","Image":"busybox"},
                 "HostConfig":{},"Image":"sha256:00","State":{"Status":"running","Running":true},
                 "Runtime":"runc","MountPoints":[]}""".getBytes(StandardCharsets.UTF_8), ContainerRecord.class);
    }

    private static ExecConfig exec(String body) throws Exception {
        return ExecConfig.parse(JSON.readTree(body));
    }

    private static ObjectNode spec(ExecConfig e, Optional<ExecConfig.ConsoleSize> size) throws Exception {
        return ExecProcessSpec.of(JSON.readTree(CONTAINER_PROCESS), record(), e, size,
                user -> new ProcessUser(65534, 65534, List.of(65534L)), List.of("CAP_CHOWN", "CAP_SYS_ADMIN"));
    }

    @Test
    void keeps_the_containers_process_and_swaps_in_the_command() throws Exception {
        ObjectNode p = spec(exec("{\"Cmd\":[\"id\",\"-u\"]}"), Optional.empty());
        assertEquals(JSON.readTree("[\"id\",\"-u\"]"), p.get("args"));
        assertEquals("/etc", p.get("cwd").asText(), "the container's WorkingDir is the default");
        assertEquals(0, p.path("user").path("uid").asInt(), "the container's user is the default");
        assertEquals(JSON.readTree(CONTAINER_PROCESS).get("rlimits"), p.get("rlimits"));
        assertEquals(JSON.readTree(CONTAINER_PROCESS).get("capabilities"), p.get("capabilities"));
        assertFalse(p.get("terminal").asBoolean());
        assertFalse(p.has("consoleSize"));
    }

    @Test
    void applies_the_execs_user_workdir_privileges_and_terminal() throws Exception {
        ObjectNode p = spec(exec("{\"Cmd\":[\"sh\"],\"User\":\"nobody\",\"WorkingDir\":\"/tmp\",\"Privileged\":true,"
                + "\"Tty\":true}"), Optional.of(new ExecConfig.ConsoleSize(30, 90)));
        assertEquals(65534, p.path("user").path("uid").asInt());
        assertEquals("/tmp", p.get("cwd").asText());
        JsonNode all = JSON.readTree("[\"CAP_CHOWN\",\"CAP_SYS_ADMIN\"]");
        assertEquals(all, p.path("capabilities").get("bounding"));
        assertEquals(all, p.path("capabilities").get("effective"));
        assertEquals(30, p.path("consoleSize").path("height").asInt());
        assertEquals(90, p.path("consoleSize").path("width").asInt());
    }

    @Test
    void environment_is_defaults_then_container_then_exec() throws Exception {
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=abc123",
                        "TERM=xterm", "FROM_RUN=1", "X=exec"),
                ExecProcessSpec.environment(record(), exec("{\"Cmd\":[\"sh\"],\"Tty\":true,\"Env\":[\"X=exec\"]}")));
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=abc123",
                        "X=run"),
                ExecProcessSpec.environment(record(), exec("{\"Cmd\":[\"sh\"],\"Env\":[\"FROM_RUN\"]}")));
    }
}
