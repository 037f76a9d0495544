package dev.berth.network.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SubnetTest {

    @Test
    void parse_clears_host_bits_and_prints_cidr() {
        assertEquals("10.1.0.0/16", Subnet.parse("10.1.2.3/16").toString());
        assertEquals("fd00:1::/64", Subnet.parse("fd00:1::5/64").toString());
    }

    @Test
    void parse_rejects_bad_cidrs_with_docker_message() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "banana/8", "10.0.0.0/x", "fd00::/129"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Subnet.parse(bad));
            assertTrue(e.getMessage().startsWith("invalid CIDR address"), e.getMessage());
        }
    }

    @Test
    void contains_and_overlaps() {
        Subnet a = Subnet.parse("172.17.0.0/16");
        assertTrue(a.contains(InetAddress.ofLiteral("172.17.255.254")));
        assertFalse(a.contains(InetAddress.ofLiteral("172.18.0.1")));
        assertFalse(a.contains(InetAddress.ofLiteral("::1")));
        assertTrue(a.overlaps(Subnet.parse("172.17.5.0/24")));
        assertTrue(Subnet.parse("172.16.0.0/12").overlaps(a));
        assertFalse(a.overlaps(Subnet.parse("172.18.0.0/16")));
        assertFalse(a.overlaps(Subnet.parse("fd00::/8")));
        assertTrue(a.covers(Subnet.parse("172.17.1.0/24")));
        assertFalse(Subnet.parse("172.17.1.0/24").covers(a));
    }

    @Test
    void addresses_by_offset_and_size() {
        Subnet s = Subnet.parse("192.168.48.0/20");
        assertEquals("192.168.48.1", Subnet.text(s.address(1)));
        assertEquals("192.168.63.255", Subnet.text(s.last()));
        assertEquals(BigInteger.valueOf(4096), s.size());
        assertEquals(BigInteger.valueOf(257), s.offsetOf(InetAddress.ofLiteral("192.168.49.1")));
        assertEquals("fd00::1", Subnet.text(Subnet.parse("fd00::/64").address(1)));
    }
}
