package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.oci.ContainerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitConfigTest {
    private static ContainerConfig container() {
        return ContainerConfig.empty().toBuilder().user("1000").env(List.of("PATH=/bin", "X=0"))
                .cmd(List.of("sh")).labels(Map.of("a", "1")).workingDir("/srv").build();
    }

    @Test
    void changes_override_the_containers_settings_key_by_key() {
        ContainerConfig c = CommitConfig.of(container(), null, List.of("ENV X=1", "LABEL b=2"));
        assertEquals(List.of("X=1", "PATH=/bin"), c.env());
        assertEquals(Map.of("a", "1", "b", "2"), c.labels());
        assertEquals(List.of("sh"), c.cmd());
        assertEquals("1000", c.user());
        assertEquals("/srv", c.workingDir());
    }

    @Test
    void hostname_is_not_carried_into_the_image() {
        ContainerConfig withHostname = dev.berth.oci.OciJson.read(
                "{\"Hostname\":\"abc123\",\"Tty\":true,\"Cmd\":[\"sh\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ContainerConfig.class);
        ContainerConfig c = CommitConfig.of(withHostname, null, List.of());
        assertEquals("", c.hostname());
        assertEquals(false, c.tty());
        assertEquals(List.of("sh"), c.cmd());
    }

    @Test
    void an_entrypoint_change_drops_the_containers_command() {
        ContainerConfig c = CommitConfig.of(container(), null, List.of("ENTRYPOINT [\"/app\"]"));
        assertEquals(List.of("/app"), c.entrypoint());
        assertNull(c.cmd());
    }

    @Test
    void a_bad_change_is_refused_before_anything_is_written() {
        assertThrows(IllegalArgumentException.class, () -> CommitConfig.of(container(), null, List.of("RUN echo")));
    }
}
