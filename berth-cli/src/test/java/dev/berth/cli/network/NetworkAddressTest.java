package dev.berth.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IpAddress and Cidr read and print addresses as Go's net package does. */
class NetworkAddressTest {

    private static String canonical(String text) {
        return IpAddress.parse(text).map(IpAddress::toString).orElse(null);
    }

    @Test
    void parses_what_go_parses_and_prints_it_canonically() {
        assertEquals("10.1.2.3", canonical("10.1.2.3"));
        assertEquals("::1", canonical("0:0::1"));
        assertEquals("::", canonical("::"));
        assertEquals("1.2.3.4", canonical("::ffff:1.2.3.4"));
        assertEquals("fd00::5", canonical("FD00:0:0:0:0:0:0:5"));
        assertEquals("2001:db8::1:0:0:1", canonical("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", canonical("2001:db8:0:1:1:1:1:1"));
        assertEquals("::102:304", canonical("::1.2.3.4"));
    }

    @Test
    void refuses_what_go_refuses() {
        for (String bad : new String[] {"", "bogus", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4 ", "fe80::1%eth0", ":::",
                "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::1:", "1.2.3.4:80"}) {
            assertEquals(Optional.empty(), IpAddress.parse(bad), bad);
        }
    }

    @Test
    void knows_loopback_addresses() {
        assertTrue(IpAddress.parse("127.0.0.53").orElseThrow().isLoopback());
        assertTrue(IpAddress.parse("::1").orElseThrow().isLoopback());
        assertFalse(IpAddress.parse("10.0.0.1").orElseThrow().isLoopback());
        assertFalse(IpAddress.parse("::").orElseThrow().isLoopback());
    }

    @Test
    void cidr_contains_addresses_of_its_family_only() {
        Cidr v4 = Cidr.parse("10.1.0.5/24");
        assertEquals("10.1.0.5", v4.address().toString());
        assertTrue(v4.contains(IpAddress.parse("10.1.0.255").orElseThrow()));
        assertTrue(v4.contains(IpAddress.parse("::ffff:10.1.0.1").orElseThrow()));
        assertFalse(v4.contains(IpAddress.parse("10.1.1.0").orElseThrow()));
        assertFalse(v4.contains(null));
        Cidr v6 = Cidr.parse("fd00:123::/64");
        assertTrue(v6.contains(IpAddress.parse("fd00:123::9").orElseThrow()));
        assertFalse(v6.contains(IpAddress.parse("10.1.0.1").orElseThrow()));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("8.8.8.8").orElseThrow()));
        assertTrue(Cidr.parse("10.1.0.0/024").contains(IpAddress.parse("10.1.0.7").orElseThrow()));
    }

    @Test
    void cidr_refuses_with_gos_message() {
        for (String bad : new String[] {"bogus", "10.1.0.0", "10.1.0.0/33", "10.1.0.0/", "10.1.0.0/-1", "fd00::/129", "10.1.0.0/24x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
            assertEquals("invalid CIDR address: " + bad, e.getMessage());
        }
    }
}
