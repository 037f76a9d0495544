package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void sorts_digit_runs_as_numbers_and_digits_first() {
        List<String> names = new ArrayList<>(List.of("net10", "net2", "net02", "Net", "net", "n-1", "9000/tcp -> :1", "10000/tcp -> :1",
                "[::]:32768", "0.0.0.0:32768", "ü", "z"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("0.0.0.0:32768", "9000/tcp -> :1", "10000/tcp -> :1", "Net", "[::]:32768", "n-1", "net", "net2", "net02", "net10",
                "z", "ü"), names);
    }
}
