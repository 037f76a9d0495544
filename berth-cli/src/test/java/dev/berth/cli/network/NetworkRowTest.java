package dev.berth.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.PruneReport;
import dev.berth.cli.Traces;
import dev.berth.http.Json;
import org.junit.jupiter.api.Test;

/** network ls renders dockerd's list (network.log) the way docker 28 prints it. */
class NetworkRowTest {
    private static final JsonNode LIST = Traces.json("network", "[{\"Name\":\"none\"", 0);

    @Test
    void lists_a_table_with_short_ids_sorted_by_name() {
        assertEquals("""
                NETWORK ID     NAME        DRIVER    SCOPE
                2012a8aea7f8   bridge      bridge    local
                f35ffd102a31   host        host      local
                7ebde9cf91a2   none        null      local
                25ad3219e078   trace-net   bridge    local
                """, NetworkLsCommand.render(LIST, null, false, true));
    }

    @Test
    void prints_full_ids_quiet_ids_and_raw_records() {
        assertEquals("""
                2012a8aea7f840cdd626e13d6ecdc117274460bba375507217dbbca25ccb1d94
                f35ffd102a31c25021e666adb7abe1c622e7de8aa309ee06dbe31f31ac257491
                7ebde9cf91a21bfdd57ac08ca48d01814f396f8fd1ec0310013b09c0bc35abf3
                25ad3219e0786027c37ef5851c0b3bd793e1130a4dcdcddee4cb0a1bb49b217d
                """, NetworkLsCommand.render(LIST, "table", true, false));
        String raw = NetworkLsCommand.render(LIST, "raw", false, true);
        assertEquals("network_id: 2012a8aea7f8\nname: bridge\ndriver: bridge\nscope: local\n\n", raw.substring(0, raw.indexOf("network_id", 1)));
        assertEquals("network_id: 2012a8aea7f8\nnetwork_id: f35ffd102a31\nnetwork_id: 7ebde9cf91a2\nnetwork_id: 25ad3219e078\n",
                NetworkLsCommand.render(LIST, "raw", true, true));
        assertEquals("bridge\nhost\nnone\ntrace-net\n", NetworkLsCommand.render(LIST, "{{.Name}}", true, true));
    }

    @Test
    void renders_json_and_every_column_docker_has() {
        String json = NetworkLsCommand.render(LIST, "json", false, true);
        assertEquals("{\"CreatedAt\":\"2026-11-28 04:14:50.467317175 +0000 UTC\",\"Driver\":\"bridge\",\"ID\":\"25ad3219e078\",\"IPv4\":\"false\","
                + "\"IPv6\":\"false\",\"Internal\":\"false\",\"Labels\":\"trace=1\",\"Name\":\"trace-net\",\"Scope\":\"local\"}", json.lines().toList().get(3));
        assertEquals("""
                NAME        LABELS    IPV4      IPV6      INTERNAL   CREATED AT
                bridge                false     false     false      2026-11-28 03:58:05.157934384 +0000 UTC
                host                  false     false     false      2026-11-28 03:58:05.138273432 +0000 UTC
                none                  false     false     false      2026-11-28 03:58:05.122387964 +0000 UTC
                trace-net   trace=1   false     false     false      2026-11-28 04:14:50.467317175 +0000 UTC
                """, NetworkLsCommand.render(LIST, "table {{.Name}}\\t{{.Labels}}\\t{{.IPv4}}\\t{{.IPv6}}\\t{{.Internal}}\\t{{.CreatedAt}}", false, true));
    }

    @Test
    void prints_created_as_gos_time_string() {
        assertEquals("2026-11-28 07:23:23.59532697 +0000 UTC", NetworkRow.createdAt("2026-11-28T07:23:23.59532697Z"));
        assertEquals("2026-11-28 07:23:23 +0000 UTC", NetworkRow.createdAt("2026-11-28T07:23:23Z"));
        assertEquals("2026-11-28 08:23:23.5 +0100 +0100", NetworkRow.createdAt("2026-11-28T08:23:23.5+01:00"));
        assertEquals("0001-01-01 00:00:00 +0000 UTC", NetworkRow.createdAt(""));
    }

    @Test
    void cuts_ids_as_stringid_does() {
        assertEquals("25ad3219e078", NetworkRow.truncate("sha256:25ad3219e0786027c37ef5851c0b3bd793e1130a4dcdcddee4cb0a1bb49b217d"));
        assertEquals("short", NetworkRow.truncate("short"));
    }

    @Test
    void prune_lists_what_went_with_a_blank_line() throws Exception {
        assertEquals("Deleted Networks:\nn1\nn2\n\n", PruneReport.deleted(Json.mapper().readTree("{\"NetworksDeleted\":[\"n1\",\"n2\"]}"), "NetworksDeleted", "Deleted Networks:"));
        assertEquals("", PruneReport.deleted(Json.mapper().readTree("{\"NetworksDeleted\":null}"), "NetworksDeleted", "Deleted Networks:"));
    }
}
