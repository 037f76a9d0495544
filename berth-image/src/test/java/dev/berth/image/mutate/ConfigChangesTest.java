package dev.berth.image.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.oci.ContainerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {
    private static ContainerConfig apply(String... changes) {
        return ConfigChanges.apply(ContainerConfig.empty(), List.of(changes));
    }

    @Test
    void cmd_and_entrypoint_take_json_and_shell_forms() {
        assertEquals(List.of("sh", "-c", "x"), apply("CMD [\"sh\",\"-c\",\"x\"]").cmd());
        assertEquals(List.of("/bin/sh", "-c", "echo hi there"), apply("cmd echo hi there").cmd());
        assertEquals(List.of("/bin/sh", "-c", "[not json"), apply("ENTRYPOINT [not json").entrypoint());
    }

    @Test
    void env_and_label_take_pairs_quotes_and_the_legacy_form() {
        assertEquals(List.of("A=1", "B=two words"), apply("ENV A=1 B=\"two words\"").env());
        assertEquals(List.of("KEY=value with spaces"), apply("ENV KEY value with spaces").env());
        assertEquals(List.of("A=2"), apply("ENV A=1", "ENV A=2").env());
        assertEquals(Map.of("a", "1", "b", "x y"), apply("LABEL a=1 b='x y'").labels());
    }

    @Test
    void expose_normalises_protocols_and_ranges() {
        assertEquals(Map.of("80/tcp", Map.of(), "53/udp", Map.of(), "8000/tcp", Map.of(), "8001/tcp", Map.of()),
                apply("EXPOSE 80 53/udp 8000-8001").exposedPorts());
        assertThrows(IllegalArgumentException.class, () -> apply("EXPOSE 80/xyz"));
        assertThrows(IllegalArgumentException.class, () -> apply("EXPOSE 99999"));
    }

    @Test
    void workdir_user_volume_stopsignal_onbuild() {
        ContainerConfig c = apply("WORKDIR /a", "WORKDIR b", "USER nobody", "VOLUME [\"/data\", \"/logs\"]",
                "VOLUME /x /y", "STOPSIGNAL SIGINT", "ONBUILD RUN true");
        assertEquals("/a/b", c.workingDir());
        assertEquals("nobody", c.user());
        assertEquals(Map.of("/data", Map.of(), "/logs", Map.of(), "/x", Map.of(), "/y", Map.of()), c.volumes());
        assertEquals("SIGINT", c.stopSignal());
        assertEquals(List.of("RUN true"), c.onBuild());
    }

    @Test
    void healthcheck_parses_options_and_none() {
        ContainerConfig.Healthcheck h = apply("HEALTHCHECK --interval=5s --retries=3 CMD wget -q localhost").healthcheck();
        assertEquals(List.of("CMD-SHELL", "wget -q localhost"), h.test());
        assertEquals(5_000_000_000L, h.interval());
        assertEquals(3, h.retries());
        assertEquals(List.of("NONE"), apply("HEALTHCHECK NONE").healthcheck().test());
    }

    @Test
    void refuses_instructions_docker_refuses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply("RUN echo"));
        assertEquals("RUN is not a valid change command", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> apply("ENV"));
        assertThrows(IllegalArgumentException.class, () -> apply("USER"));
    }
}
