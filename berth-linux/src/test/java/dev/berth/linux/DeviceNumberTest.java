package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeviceNumberTest {
    @Test
    void packs_small_numbers_like_the_old_16_bit_layout() {
        assertEquals(0x0801L, new DeviceNumber(8, 1).rdev());
        assertEquals(new DeviceNumber(1, 3), DeviceNumber.fromRdev(0x0103L));
    }

    @Test
    void round_trips_numbers_beyond_the_old_layout() {
        DeviceNumber big = new DeviceNumber(0x12345, 0x6789a);
        assertEquals(big, DeviceNumber.fromRdev(big.rdev()));
    }

    @Test
    void rejects_negative_numbers() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceNumber(-1, 0));
    }
}
