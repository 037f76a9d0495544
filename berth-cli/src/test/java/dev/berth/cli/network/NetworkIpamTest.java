package dev.berth.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.http.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** network create's --subnet, --ip-range, --gateway and --aux-address are grouped and refused as docker's CLI does. */
class NetworkIpamTest {

    private static String configs(List<String> subnets, List<String> ranges, List<String> gateways, Map<String, String> aux) throws Exception {
        return Json.mapper().writeValueAsString(IpamConsolidator.consolidate(subnets, ranges, gateways, aux));
    }

    private static String refusal(List<String> subnets, List<String> ranges, List<String> gateways, Map<String, String> aux) {
        return assertThrows(IllegalArgumentException.class, () -> IpamConsolidator.consolidate(subnets, ranges, gateways, aux)).getMessage();
    }

    @Test
    void groups_ranges_gateways_and_aux_addresses_under_their_subnet() throws Exception {
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("b", "10.55.0.9");
        aux.put("a", "10.55.0.8");
        aux.put("v6", "fd00:55::8");
        assertEquals("[{\"Subnet\":\"10.55.0.0/24\",\"IPRange\":\"10.55.0.128/25\",\"Gateway\":\"10.55.0.1\","
                        + "\"AuxiliaryAddresses\":{\"a\":\"10.55.0.8\",\"b\":\"10.55.0.9\"}},"
                        + "{\"Subnet\":\"fd00:55::/64\",\"Gateway\":\"fd00:55::1\",\"AuxiliaryAddresses\":{\"v6\":\"fd00:55::8\"}}]",
                configs(List.of("10.55.0.0/24", "fd00:55::/64"), List.of("10.55.0.128/25"), List.of("fd00:55::1", "10.55.0.1"), aux));
        assertEquals("[]", configs(List.of(), List.of(), List.of(), Map.of()));
        assertEquals("[{\"Subnet\":\"bogus\"}]", configs(List.of("bogus"), List.of(), List.of(), Map.of()));
    }

    @Test
    void refuses_with_dockers_messages() {
        assertEquals("every ip-range or gateway must have a corresponding subnet", refusal(List.of(), List.of(), List.of("10.1.0.1"), Map.of()));
        assertEquals("every ip-range or gateway must have a corresponding subnet",
                refusal(List.of("10.1.0.0/24"), List.of("10.1.0.0/28", "10.1.0.16/28"), List.of(), Map.of()));
        assertEquals("multiple overlapping subnet configuration is not supported",
                refusal(List.of("10.1.0.0/16", "10.1.2.0/24"), List.of(), List.of(), Map.of()));
        assertEquals("multiple overlapping subnet configuration is not supported",
                refusal(List.of("10.1.0.0/24", "10.1.0.0/24"), List.of(), List.of(), Map.of()));
        assertEquals("invalid subnet: invalid CIDR address: bogus", refusal(List.of("10.1.0.0/24", "bogus"), List.of(), List.of(), Map.of()));
        assertEquals("no matching subnet for gateway 10.9.0.1", refusal(List.of("10.1.0.0/24"), List.of(), List.of("10.9.0.1"), Map.of()));
        assertEquals("no matching subnet for gateway bogus", refusal(List.of("10.1.0.0/24"), List.of(), List.of("bogus"), Map.of()));
        assertEquals("cannot configure multiple gateways (10.1.0.2, 10.1.0.1) for the same subnet (10.1.0.0/24)",
                refusal(List.of("10.1.0.0/24", "10.2.0.0/24"), List.of(), List.of("10.1.0.1", "10.1.0.2"), Map.of()));
        assertEquals("no matching subnet for range 10.9.0.0/28", refusal(List.of("10.1.0.0/24"), List.of("10.9.0.0/28"), List.of(), Map.of()));
        assertEquals("invalid CIDR address: bogus", refusal(List.of("10.1.0.0/24"), List.of("bogus"), List.of(), Map.of()));
        assertEquals("cannot configure multiple ranges (10.1.0.16/28, 10.1.0.0/28) on the same subnet (10.1.0.0/24)",
                refusal(List.of("10.1.0.0/24", "10.2.0.0/24"), List.of("10.1.0.0/28", "10.1.0.16/28"), List.of(), Map.of()));
        assertEquals("no matching subnet for aux-address 10.9.0.1", refusal(List.of("10.1.0.0/24"), List.of(), List.of(), Map.of("a", "10.9.0.1")));
        assertEquals("invalid subnet: invalid CIDR address: bogus", refusal(List.of("bogus"), List.of(), List.of("10.1.0.1"), Map.of()));
    }
}
