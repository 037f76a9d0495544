package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanSizeTest {

    @Test
    void formats_decimal_sizes_with_four_significant_digits() {
        assertEquals("1.985MB", HumanSize.decimal(1985472));
        assertEquals("1kB", HumanSize.decimal(1000));
        assertEquals("999B", HumanSize.decimal(999));
        assertEquals("0B", HumanSize.decimal(0));
        assertEquals("10B", HumanSize.decimal(10));
        assertEquals("1.024kB", HumanSize.decimal(1024));
        assertEquals("7.939MB", HumanSize.decimal(7938898));
        assertEquals("1000kB", HumanSize.decimal(999999.9));
    }

    @Test
    void formats_image_sizes_with_three_digits_like_docker_images() {
        assertEquals("1.99MB", HumanSize.decimal(1985472, 3));
        assertEquals("1.98MB", HumanSize.decimal(1982361, 3));
        assertEquals("26B", HumanSize.decimal(26, 3));
        assertEquals("124MB", HumanSize.decimal(123_500_001, 3));
    }

    @Test
    void formats_binary_sizes() {
        assertEquals("1.893MiB", HumanSize.binary(1985472));
        assertEquals("1KiB", HumanSize.binary(1024));
        assertEquals("512B", HumanSize.binary(512));
        assertEquals("2GiB", HumanSize.binary(2L * 1024 * 1024 * 1024));
    }
}
