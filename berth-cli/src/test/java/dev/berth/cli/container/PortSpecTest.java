package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -p and --expose read as go-connections' nat package reads them, and port prints as docker port does. */
class PortSpecTest {

    private static List<PortSpec.Binding> bindings(String spec) {
        return PortSpec.parse(spec).bindings();
    }

    private static String refusal(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> PortSpec.parse(spec)).getMessage();
    }

    @Test
    void expands_ranges_one_to_one() {
        assertEquals(List.of(new PortSpec.Binding("80/tcp", "", "8000"), new PortSpec.Binding("81/tcp", "", "8001"),
                new PortSpec.Binding("82/tcp", "", "8002")), bindings("8000-8002:80-82"));
        assertEquals(List.of(new PortSpec.Binding("7000/udp", "", ""), new PortSpec.Binding("7001/udp", "", "")), bindings("7000-7001/udp"));
    }

    @Test
    void keeps_a_host_range_for_a_single_container_port() {
        assertEquals(List.of(new PortSpec.Binding("80/tcp", "", "8000-8002")), bindings("8000-8002:80"));
    }

    @Test
    void reads_addresses_and_protocols_like_docker() {
        assertEquals(List.of(new PortSpec.Binding("80/tcp", "127.0.0.1", "")), bindings("127.0.0.1::80"));
        assertEquals(List.of(new PortSpec.Binding("80/udp", "", "")), bindings("80/UDP"));
        assertEquals(List.of(new PortSpec.Binding("90/tcp", "::1", "9000"), new PortSpec.Binding("91/tcp", "::1", "9001")),
                bindings("[::1]:9000-9001:90-91"));
        assertEquals(List.of(new PortSpec.Binding("80/sctp", "0.0.0.0", "8080")), bindings("0.0.0.0:08080:80/sctp"));
        assertEquals(List.of(new PortSpec.Binding("80/tcp", "", "")), bindings("80/"));
    }

    @Test
    void refuses_with_nats_messages() {
        assertEquals("invalid IP address: 1.2.3", refusal("1.2.3:80:80"));
        assertEquals("invalid containerPort: abc", refusal("8080:abc"));
        assertEquals("invalid hostPort: abc", refusal("abc:80"));
        assertEquals("invalid ranges specified for container and host Ports: 80-81 and 8000-8002", refusal("8000-8002:80-81"));
        assertEquals("invalid proto: foo", refusal("80/foo"));
        assertEquals("no port specified: 8080:<empty>", refusal("8080:"));
        assertEquals("invalid containerPort: 70000", refusal("70000"));
        assertEquals("invalid containerPort: 2-1", refusal("2-1"));
        assertEquals("invalid IP address [::1: address [::1:: missing ']' in address", refusal("[::1:80:80"));
    }

    @Test
    void exposes_ranges_and_refuses_like_docker() {
        assertEquals(List.of("7000/tcp", "7001/tcp"), PortSpec.exposed("7000-7001"));
        assertEquals(List.of("53/UDP"), PortSpec.exposed("53/UDP"));
        assertEquals("invalid port format for --expose: 80:90", assertThrows(IllegalArgumentException.class, () -> PortSpec.exposed("80:90")).getMessage());
        assertEquals("invalid range format for --expose: abc, error: strconv.ParseUint: parsing \"abc\": invalid syntax",
                assertThrows(IllegalArgumentException.class, () -> PortSpec.exposed("abc")).getMessage());
        assertEquals("invalid range format for --expose: 9-1, error: invalid range specified for port: 9-1",
                assertThrows(IllegalArgumentException.class, () -> PortSpec.exposed("9-1")).getMessage());
    }

    @Test
    void port_prints_every_binding_in_natural_order_with_ipv6_in_brackets() throws Exception {
        var ports = Json.mapper().readTree("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18081\"}],\"9090/udp\":[{\"HostIp\":\"::\","
                + "\"HostPort\":\"32768\"},{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"32768\"}],\"10000/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"1\"}],"
                + "\"7/tcp\":null}");
        assertEquals("80/tcp -> 127.0.0.1:18081\n9090/udp -> 0.0.0.0:32768\n9090/udp -> [::]:32768\n10000/tcp -> :1\n",
                PortCommand.render(ports, null, "box"));
        assertEquals("0.0.0.0:32768\n[::]:32768\n", PortCommand.render(ports, "9090/udp", "box"));
        assertEquals("127.0.0.1:18081\n", PortCommand.render(ports, "80", "box"));
        assertEquals("Error: No public port '81' published for box",
                assertThrows(dev.berth.cli.StatusError.class, () -> PortCommand.render(ports, "81", "box")).getMessage());
        assertEquals("Error: invalid port (abc): strconv.ParseUint: parsing \"abc\": invalid syntax",
                assertThrows(dev.berth.cli.StatusError.class, () -> PortCommand.render(ports, "abc/tcp", "box")).getMessage());
        assertEquals("", PortCommand.render(Json.mapper().readTree("{}"), null, "box"));
    }
}
