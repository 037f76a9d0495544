package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void reads_docker_units_as_binary_multiples() {
        assertEquals(67108864L, ByteSize.parse("64m").bytes());
        assertEquals(1L << 30, ByteSize.parse("1g").bytes());
        assertEquals(1L << 30, ByteSize.parse("1GiB").bytes());
        assertEquals(512 * 1024L, ByteSize.parse("512kb").bytes());
        assertEquals(1536L * 1024 * 1024, ByteSize.parse("1.5g").bytes());
        assertEquals(100L, ByteSize.parse("100").bytes());
        assertEquals(100L, ByteSize.parse("100b").bytes());
    }

    @Test
    void prints_the_shortest_exact_unit() {
        assertEquals("64m", ByteSize.parse("67108864").toString());
        assertEquals("1000", new ByteSize(1000).toString());
    }

    @Test
    void rejects_garbage_naming_the_value() {
        assertEquals("invalid size: '64x'",
                assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("64x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(""));
    }
}
