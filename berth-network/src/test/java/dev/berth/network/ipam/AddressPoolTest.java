package dev.berth.network.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPoolTest {
    private static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    private static AddressPool pool(String subnet, String range, String gateway, Map<String, InetAddress> aux) {
        return new AddressPool(Subnet.parse(subnet), range == null ? Optional.empty() : Optional.of(Subnet.parse(range)),
                gateway == null ? null : ip(gateway), aux);
    }

    @Test
    void hands_out_addresses_after_the_gateway_in_order() {
        AddressPool p = pool("10.5.0.0/24", null, "10.5.0.1", Map.of());
        assertEquals(ip("10.5.0.2"), p.allocate(Optional.empty()));
        assertEquals(ip("10.5.0.3"), p.allocate(Optional.empty()));
    }

    @Test
    void a_released_address_is_not_reused_at_once() {
        AddressPool p = pool("10.5.0.0/24", null, "10.5.0.1", Map.of());
        InetAddress first = p.allocate(Optional.empty());
        p.release(first);
        assertEquals(ip("10.5.0.3"), p.allocate(Optional.empty()));
    }

    @Test
    void exhaustion_names_the_subnet_and_never_hands_out_twice() {
        AddressPool p = pool("10.5.0.0/29", null, "10.5.0.1", Map.of());
        Set<InetAddress> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            assertTrue(seen.add(p.allocate(Optional.empty())));
        }
        assertFalse(seen.contains(ip("10.5.0.0")));
        assertFalse(seen.contains(ip("10.5.0.7")), "broadcast");
        AddressPool.AddressException e = assertThrows(AddressPool.AddressException.class, () -> p.allocate(Optional.empty()));
        assertTrue(e.getMessage().contains("no available IPv4 addresses") && e.getMessage().contains("10.5.0.0/29"));
        p.release(ip("10.5.0.4"));
        assertEquals(ip("10.5.0.4"), p.allocate(Optional.empty()));
    }

    @Test
    void ip_range_limits_dynamic_addresses_but_not_requested_ones() {
        AddressPool p = pool("10.6.0.0/16", "10.6.5.0/30", "10.6.0.1", Map.of());
        assertEquals(ip("10.6.5.0"), p.allocate(Optional.empty()));
        assertEquals(ip("10.6.5.1"), p.allocate(Optional.empty()));
        assertEquals(ip("10.6.9.9"), p.allocate(Optional.of(ip("10.6.9.9"))));
        assertEquals(ip("10.6.5.2"), p.allocate(Optional.empty()));
        assertEquals(ip("10.6.5.3"), p.allocate(Optional.empty()));
        assertThrows(AddressPool.AddressException.class, () -> p.allocate(Optional.empty()));
    }

    @Test
    void aux_addresses_and_gateway_are_never_given() {
        AddressPool p = pool("10.7.0.0/29", null, "10.7.0.1", Map.of("router", ip("10.7.0.2"), "nas", ip("10.7.0.3")));
        assertEquals(ip("10.7.0.4"), p.allocate(Optional.empty()));
        assertThrows(AddressPool.AddressException.class, () -> p.allocate(Optional.of(ip("10.7.0.2"))));
        assertThrows(AddressPool.AddressException.class, () -> p.allocate(Optional.of(ip("10.7.0.1"))));
    }

    @Test
    void a_requested_address_taken_or_outside_is_refused() {
        AddressPool p = pool("10.8.0.0/24", null, "10.8.0.1", Map.of());
        p.allocate(Optional.of(ip("10.8.0.50")));
        assertEquals("Address already in use",
                assertThrows(AddressPool.AddressException.class, () -> p.allocate(Optional.of(ip("10.8.0.50")))).getMessage());
        assertThrows(AddressPool.AddressException.class, () -> p.allocate(Optional.of(ip("10.9.0.5"))));
    }

    @Test
    void bad_pool_definitions_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> pool("10.1.0.0/24", "10.2.0.0/28", null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> pool("10.1.0.0/24", null, "10.2.0.1", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> pool("10.1.0.0/24", null, null, Map.of("x", ip("10.3.0.1"))));
    }

    @Test
    void claim_restores_an_address_and_moves_the_cursor_past_it() {
        AddressPool p = pool("10.9.0.0/24", null, "10.9.0.1", Map.of());
        assertTrue(p.claim(ip("10.9.0.7")));
        assertFalse(p.claim(ip("10.9.0.7")), "claimed twice");
        assertFalse(p.claim(ip("10.9.0.1")), "the gateway");
        assertEquals(ip("10.9.0.8"), p.allocate(Optional.empty()));
    }

    @Test
    void ipv6_pools_allocate_without_broadcast() {
        AddressPool p = pool("fd00:1::/120", null, "fd00:1::1", Map.of());
        assertEquals(ip("fd00:1::2"), p.allocate(Optional.empty()));
        assertEquals(ip("fd00:1::ff"), p.allocate(Optional.of(ip("fd00:1::ff"))));
    }
}
