package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlFifoTest {
    @TempDir
    Path tmp;

    @Test
    void writes_a_resize_event_in_conmons_format() throws Exception {
        Path ctl = Files.createFile(tmp.resolve("ctl"));
        new ControlFifo(ctl).resize(40, 120);
        assertEquals("1 40 120\n", Files.readString(ctl));
    }

    @Test
    void rejects_a_size_a_terminal_cannot_have() {
        ControlFifo ctl = new ControlFifo(tmp.resolve("ctl"));
        assertThrows(IllegalArgumentException.class, () -> ctl.resize(0, 80));
        assertThrows(IllegalArgumentException.class, () -> ctl.resize(24, 70000));
    }
}
