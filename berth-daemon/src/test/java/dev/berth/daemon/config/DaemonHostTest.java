package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DaemonHostTest {
    @Test
    void fills_in_all_interfaces_when_tcp_host_is_empty() {
        assertEquals("tcp://0.0.0.0:2375", DaemonHost.parse("tcp://:2375").toString());
    }

    @Test
    void uses_loopback_and_default_port_for_bare_tcp() {
        assertEquals("tcp://127.0.0.1:2375", DaemonHost.parse("tcp://").toString());
    }

    @Test
    void adds_default_port_and_treats_schemeless_as_tcp() {
        DaemonHost host = DaemonHost.parse("10.0.0.1");
        assertEquals("tcp://10.0.0.1:2375", host.toString());
        assertEquals("10.0.0.1", host.tcpHost());
        assertEquals(2375, host.tcpPort());
    }

    @Test
    void keeps_ipv6_brackets() {
        DaemonHost host = DaemonHost.parse("tcp://[::1]:2376");
        assertEquals("tcp://[::1]:2376", host.toString());
        assertEquals("::1", host.tcpHost());
    }

    @Test
    void uses_default_socket_for_bare_unix() {
        assertEquals("unix:///var/run/berth.sock", DaemonHost.parse("unix://").toString());
        assertEquals("/tmp/b.sock", DaemonHost.parse("unix:///tmp/b.sock").socketPath().toString());
    }

    @Test
    void refuses_fd_with_a_reason() {
        var e = assertThrows(IllegalArgumentException.class, () -> DaemonHost.parse("fd://"));
        assertTrue(e.getMessage().contains("fd:// hosts are not supported"), e.getMessage());
    }

    @Test
    void refuses_unknown_schemes_bad_ports_and_paths() {
        assertEquals("Invalid bind address format: udp://1.2.3.4:5",
                assertThrows(IllegalArgumentException.class, () -> DaemonHost.parse("udp://1.2.3.4:5")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DaemonHost.parse("tcp://1.2.3.4:99999"));
        assertThrows(IllegalArgumentException.class, () -> DaemonHost.parse("tcp://1.2.3.4:x"));
        assertThrows(IllegalArgumentException.class, () -> DaemonHost.parse("tcp://1.2.3.4:2375/path"));
        assertThrows(IllegalArgumentException.class, () -> DaemonHost.parse("unix://relative.sock"));
    }
}
