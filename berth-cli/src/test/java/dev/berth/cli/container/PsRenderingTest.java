package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ListOutput;
import dev.berth.cli.Traces;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ps output from the container summaries dockerd sent in ps.log. */
class PsRenderingTest {
    private static final Instant NOW = Instant.ofEpochSecond(1795838600);

    private static String render(String format, boolean quiet, boolean trunc) {
        JsonNode summaries = Traces.json("ps", "[{\"Id\"", 1);
        List<ContainerRow> rows = new ArrayList<>();
        summaries.forEach(s -> rows.add(new ContainerRow(s, trunc, NOW, ZoneOffset.UTC)));
        return new ListOutput(format, PsCommand.TABLE, quiet).render(rows, ContainerRow.HEADERS);
    }

    @Test
    void renders_dockers_default_table() {
        assertEquals("""
                CONTAINER ID   IMAGE           COMMAND                  CREATED          STATUS         PORTS                     NAMES
                2caed22d534c   trace-busybox   "true"                   9 seconds ago    Created                                  trace-created
                348a8b891a82   trace-busybox   "sh -c 'while true; …"   14 seconds ago   Up 4 seconds   127.0.0.1:18080->80/tcp   trace-d
                """, render(null, false, true));
    }

    @Test
    void renders_quiet_ids_and_untruncated_templates() {
        assertEquals("2caed22d534c\n348a8b891a82\n", render(null, true, true));
        assertEquals("trace-created created 0 \ntrace-d running 1 trace=1\n", render("{{.Names}} {{.State}} {{.LocalVolumes}} {{.Labels}}", false, false));
        assertEquals("\"sh -c 'while true; do echo tick $(date +%s); echo warn >&2; sleep 1; done'\"\n",
                render("{{.Command}}", false, false).lines().skip(1).findFirst().orElseThrow() + "\n");
    }
}
