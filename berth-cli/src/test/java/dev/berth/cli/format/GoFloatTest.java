package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoFloatTest {

    @Test
    void formats_shortest_g_like_go_percent_v() {
        assertEquals("1e+06", GoFloat.formatG(1_000_000, -1));
        assertEquals("1.985472e+06", GoFloat.formatG(1985472, -1));
        assertEquals("123456", GoFloat.formatG(123456, -1));
        assertEquals("0.0001", GoFloat.formatG(0.0001, -1));
        assertEquals("1e-05", GoFloat.formatG(0.00001, -1));
        assertEquals("0", GoFloat.formatG(0, -1));
        assertEquals("-2.5", GoFloat.formatG(-2.5, -1));
    }

    @Test
    void formats_fixed_precision_g_e_and_f() {
        assertEquals("1.99", GoFloat.formatG(1.985472, 3));
        assertEquals("100", GoFloat.formatG(100, 3));
        assertEquals("1e+03", GoFloat.formatG(999.9, 3));
        assertEquals("3.142", GoFloat.formatF(3.14159, 3));
        assertEquals("1.000000e+06", GoFloat.formatE(1e6, 6));
    }

    @Test
    void formats_json_numbers_like_encoding_json() {
        assertEquals("1985472", GoFloat.json(1985472));
        assertEquals("0.5", GoFloat.json(0.5));
        assertEquals("1e+21", GoFloat.json(1e21));
        assertEquals("1e-7", GoFloat.json(1e-7));
    }
}
