package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small flag values: sizes, CPU counts, durations, ports, detach keys, log times. */
class ValuesTest {

    @Test
    void parses_sizes_in_binary_units_like_ram_in_bytes() {
        assertEquals(64L << 20, ByteSize.parse("64m").bytes());
        assertEquals(64L << 20, ByteSize.parse("64MB").bytes());
        assertEquals(1536L << 20, ByteSize.parse("1.5g").bytes());
        assertEquals(512, ByteSize.parse("512").bytes());
        assertEquals(2048, ByteSize.parse("2KiB").bytes());
        assertEquals(-1, ByteSize.parseSwap("-1"));
        assertEquals("invalid size: '64x'", assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("64x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-5m"));
    }

    @Test
    void parses_cpus_into_nano_cpus() {
        assertEquals(500_000_000L, NanoCpus.parse("0.5").value());
        assertEquals(2_000_000_000L, NanoCpus.parse("2").value());
        assertEquals("value is too precise", assertThrows(IllegalArgumentException.class, () -> NanoCpus.parse("0.0000000001")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NanoCpus.parse("x"));
    }

    @Test
    void parses_go_durations() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s").duration());
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s").duration());
        assertEquals(Duration.ofMillis(250), GoDuration.parse("250ms").duration());
        assertEquals(Duration.ofMinutes(-10), GoDuration.parse("-10m").duration());
        assertEquals(Duration.ZERO, GoDuration.parse("0").duration());
        assertEquals("time: invalid duration \"10\"", assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("10")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5x"));
    }

    @Test
    void expands_port_specs_into_bindings() {
        assertEquals(List.of(new PortSpec.Binding("80/tcp", "127.0.0.1", "18080")), PortSpec.parse("127.0.0.1:18080:80").bindings());
        assertEquals(List.of(new PortSpec.Binding("53/udp", "", "")), PortSpec.parse("53/udp").bindings());
        assertEquals(List.of(new PortSpec.Binding("80/tcp", "::1", "8080")), PortSpec.parse("[::1]:8080:80").bindings());
        assertEquals(List.of(new PortSpec.Binding("80/tcp", "", "8000"), new PortSpec.Binding("81/tcp", "", "8001")),
                PortSpec.parse("8000-8001:80-81").bindings());
        assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("http"));
        assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("80/icmp"));
    }

    @Test
    void reads_detach_keys() {
        assertArrayEquals(new byte[] {0x10, 0x11}, DetachKeys.parse("ctrl-p,ctrl-q").sequence());
        assertArrayEquals(new byte[] {0x01, 'x'}, DetachKeys.parse("ctrl-a,x").sequence());
        assertArrayEquals(new byte[] {27}, DetachKeys.parse("ctrl-[").sequence());
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-pp"));
    }

    @Test
    void turns_log_times_into_unix_seconds() {
        Instant now = Instant.parse("2026-11-28T04:00:00Z");
        assertEquals("1795838642", LogTime.parse("1795838642", now).query());
        assertEquals(String.format("%d.000000000", now.getEpochSecond() - 600), LogTime.parse("10m", now).query());
        assertEquals("1795838400.500000000", LogTime.parse("2026-11-28T04:00:00.5Z", now).query());
        assertThrows(IllegalArgumentException.class, () -> LogTime.parse("yesterday", now));
    }

    @Test
    void decides_run_exit_code_from_start_error_text() {
        assertEquals(127, AttachedRun.startStatus("exec: \"/nonexistent\": stat /nonexistent: no such file or directory: unknown"));
        assertEquals(127, AttachedRun.startStatus("exec: \"foo\": executable file not found in $PATH"));
        assertEquals(126, AttachedRun.startStatus("exec: \"/etc\": permission denied"));
        assertEquals(125, AttachedRun.startStatus("cgroup setup failed"));
    }
}
