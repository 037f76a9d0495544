package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.error.ConflictException;
import org.junit.jupiter.api.Test;

class ResourceUpdateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CLI's body for {@code update --memory 64m --memory-swap 128m --cpus 0.5 --restart on-failure:3}. */
    private static final String CLI_BODY = """
            {"CpuShares":0,"Memory":67108864,"NanoCpus":500000000,"CgroupParent":"","BlkioWeight":0,"CpuPeriod":0,
             "CpuQuota":0,"CpusetCpus":"","CpusetMems":"","MemoryReservation":0,"MemorySwap":134217728,
             "MemorySwappiness":null,"PidsLimit":null,"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3}}""";

    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) JSON.readTree(s);
    }

    @Test
    void sets_what_was_sent_and_keeps_the_rest() throws Exception {
        ObjectNode stored = json("{\"Memory\":0,\"CpuShares\":512,\"PidsLimit\":20,\"Binds\":[\"/a:/b\"],"
                + "\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0}}");
        ObjectNode next = ResourceUpdate.merge(stored, json(CLI_BODY));
        assertEquals(67108864, next.get("Memory").asLong());
        assertEquals(134217728, next.get("MemorySwap").asLong());
        assertEquals(500000000, next.get("NanoCpus").asLong());
        assertEquals(512, next.get("CpuShares").asLong(), "zero means unchanged");
        assertEquals(20, next.get("PidsLimit").asLong(), "null means unchanged");
        assertEquals(json("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}"), next.get("RestartPolicy"));
        assertEquals(json("{\"a\":[\"/a:/b\"]}").get("a"), next.get("Binds"));
        assertEquals(0, stored.get("Memory").asLong(), "the stored HostConfig is left alone");
    }

    @Test
    void sets_the_pids_limit_only_when_sent_and_lifts_it_with_zero_or_less() throws Exception {
        assertEquals(50, ResourceUpdate.merge(json("{}"), json("{\"PidsLimit\":50}")).get("PidsLimit").asLong());
        ObjectNode lifted = ResourceUpdate.merge(json("{\"PidsLimit\":50}"), json("{\"PidsLimit\":-1}"));
        assertEquals(0, lifted.get("PidsLimit").asLong());
        assertEquals(-1, ResourceUpdate.runtimeResources(lifted, json("{\"PidsLimit\":0}")).pidsLimit());
        assertEquals(50, ResourceUpdate.runtimeResources(json("{\"PidsLimit\":50}"), json("{}")).pidsLimit());
    }

    @Test
    void refuses_to_mix_nano_cpus_with_a_quota() throws Exception {
        ConflictException e = assertThrows(ConflictException.class,
                () -> ResourceUpdate.merge(json("{\"NanoCpus\":500000000}"), json("{\"CpuQuota\":20000}")));
        assertEquals("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set", e.getMessage());
        assertThrows(ConflictException.class,
                () -> ResourceUpdate.merge(json("{\"CpuPeriod\":100000}"), json("{\"NanoCpus\":1000000000}")));
    }

    @Test
    void refuses_memory_above_the_set_swap_limit_without_a_new_one() throws Exception {
        ConflictException e = assertThrows(ConflictException.class,
                () -> ResourceUpdate.merge(json("{\"Memory\":33554432,\"MemorySwap\":67108864}"),
                        json("{\"Memory\":134217728}")));
        assertEquals("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the "
                + "same time", e.getMessage());
    }

    @Test
    void refuses_a_restart_policy_for_an_auto_removed_container() throws Exception {
        ConflictException e = assertThrows(ConflictException.class, () -> ResourceUpdate.merge(
                json("{\"AutoRemove\":true}"), json("{\"RestartPolicy\":{\"Name\":\"always\"}}")));
        assertEquals("Restart policy cannot be updated because AutoRemove is enabled for the container", e.getMessage());
    }
}
