package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.error.InvalidArgumentException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecConfigTest {
    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void reads_the_docker_cli_body() throws Exception {
        ExecConfig c = ExecConfig.parse(json("""
                {"User":"","Privileged":false,"Tty":false,"AttachStdin":false,"AttachStderr":true,"AttachStdout":true,
                 "Detach":false,"DetachKeys":"","Env":["X=1"],"WorkingDir":"/tmp","Cmd":["sh","-c","echo out; exit 4"]}"""));
        assertEquals(List.of("sh", "-c", "echo out; exit 4"), c.cmd());
        assertEquals(List.of("X=1"), c.env());
        assertEquals("/tmp", c.workingDir());
        assertTrue(c.attachStdout() && c.attachStderr());
        assertFalse(c.attachStdin() || c.tty() || c.privileged());
        assertEquals(Optional.empty(), c.consoleSize());
        assertEquals("sh -c echo out; exit 4", c.commandLine());
    }

    @Test
    void ignores_nulls_and_unknown_fields_like_testcontainers_sends() throws Exception {
        ExecConfig c = ExecConfig.parse(json("""
                {"containerId":"abc","AttachStdin":null,"Tty":null,"Env":null,"User":null,"Cmd":["ls"]}"""));
        assertEquals(List.of("ls"), c.cmd());
        assertEquals(List.of(), c.env());
        assertEquals("", c.user());
        assertFalse(c.tty());
    }

    @Test
    void takes_the_console_size_as_rows_and_columns() throws Exception {
        ExecConfig c = ExecConfig.parse(json("{\"Tty\":true,\"ConsoleSize\":[24,80],\"Cmd\":[\"sh\"]}"));
        assertEquals(Optional.of(new ExecConfig.ConsoleSize(24, 80)), c.consoleSize());
        assertEquals(Optional.empty(), ExecConfig.ConsoleSize.parse(json("[0,0]")));
        assertThrows(InvalidArgumentException.class, () -> ExecConfig.ConsoleSize.parse(json("[24]")));
    }

    @Test
    void rejects_a_missing_command_with_dockers_message() throws Exception {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ExecConfig.parse(json("{\"Cmd\":[]}")));
        assertEquals("No exec command specified", e.getMessage());
    }
}
