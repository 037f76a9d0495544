package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import org.junit.jupiter.api.Test;

class PruneReportTest {
    private static String containerPrune(String report) throws Exception {
        JsonNode r = Json.mapper().readTree(report);
        return PruneReport.deleted(r, "ContainersDeleted", "Deleted Containers:") + PruneReport.reclaimed(r);
    }

    @Test
    void lists_what_went_then_the_space_as_docker_container_prune_does() throws Exception {
        assertEquals("Deleted Containers:\nc1\nc2\n\nTotal reclaimed space: 1.985MB\n",
                containerPrune("{\"ContainersDeleted\":[\"c1\",\"c2\"],\"SpaceReclaimed\":1985472}"));
    }

    @Test
    void says_only_the_space_when_nothing_went() throws Exception {
        assertEquals("Total reclaimed space: 0B\n", containerPrune("{\"ContainersDeleted\":null,\"SpaceReclaimed\":0}"));
        assertEquals("Total reclaimed space: 0B\n", containerPrune("{\"ContainersDeleted\":[],\"SpaceReclaimed\":0}"));
    }
}
