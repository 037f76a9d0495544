package dev.berth.network.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetPickerTest {
    private final SubnetPicker docker = new SubnetPicker(SubnetPicker.DOCKER_DEFAULTS);

    @Test
    void picks_the_first_free_block_of_the_default_pools() {
        assertEquals("172.17.0.0/16", docker.pick(List.of()).orElseThrow().toString());
        assertEquals("172.18.0.0/16", docker.pick(List.of(Subnet.parse("172.17.0.0/16"))).orElseThrow().toString());
    }

    @Test
    void skips_blocks_that_overlap_host_routes() {
        List<Subnet> used = List.of(Subnet.parse("172.17.3.0/24"), Subnet.parse("172.16.0.0/13"));
        assertEquals("172.24.0.0/16", docker.pick(used).orElseThrow().toString());
    }

    @Test
    void falls_back_to_192_168_in_slash_20s_then_gives_up() {
        List<Subnet> used = new java.util.ArrayList<>(List.of(Subnet.parse("172.16.0.0/12")));
        assertEquals("192.168.0.0/20", docker.pick(used).orElseThrow().toString());
        used.add(Subnet.parse("192.168.0.0/16"));
        assertTrue(docker.pick(used).isEmpty());
    }

    @Test
    void reads_host_routes_from_proc_net_route() {
        List<String> lines = List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t0100000A\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t0000000A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
                "br0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0");
        assertEquals(List.of(Subnet.parse("10.0.0.0/16"), Subnet.parse("172.17.0.0/16")), SubnetPicker.hostRoutes(lines));
    }
}
