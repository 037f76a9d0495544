package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ListOutput;
import dev.berth.cli.Traces;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stats output from the sample dockerd sent in stats.log (total_usage delta 29.7M of 2.3T system ns on 2 CPUs…). */
class StatsRenderingTest {

    private static String render(String format, boolean trunc) {
        JsonNode sample = Traces.json("stats", "{\"read\"", 0);
        return new ListOutput(format, StatsRow.TABLE, false).render(List.of(new StatsRow(sample, "trace-box", trunc)), StatsRow.HEADERS);
    }

    @Test
    void renders_dockers_stats_table() {
        assertEquals("""
                CONTAINER ID   NAME        CPU %     MEM USAGE / LIMIT   MEM %     NET I/O       BLOCK I/O   PIDS
                2c284b0b98df   trace-box   0.09%     728KiB / 23.54GiB   0.00%     1.11kB / 0B   0B / 0B     2
                """, render(null, true));
    }

    @Test
    void renders_templates_with_the_full_id_when_not_truncated() {
        assertEquals("trace-box 2c284b0b98df66b254fffd3038d8cdd25150607da9a9fb6aa7ad63abc05e7f4c 0.09% 0.00%\n",
                render("{{.Container}} {{.ID}} {{.CPUPerc}} {{.MemPerc}}", false));
    }
}
