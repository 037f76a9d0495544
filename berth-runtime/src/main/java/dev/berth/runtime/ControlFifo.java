package dev.berth.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * conmon's {@code ctl} FIFO: one line {@code "<type> <height> <width>\n"} per event, type 1 being a
 * terminal resize (podman writes the same). Opened read-write because a FIFO opened that way never
 * blocks, whereas a write-only open would hang if conmon had gone.
 */
record ControlFifo(Path path) {
    private static final int WIN_RESIZE_EVENT = 1;

    void resize(int rows, int cols) throws IOException {
        if (rows <= 0 || cols <= 0 || rows > 65535 || cols > 65535) {
            throw new IllegalArgumentException("terminal size must be 1..65535, got " + rows + "x" + cols);
        }
        byte[] line = "%d %d %d\n".formatted(WIN_RESIZE_EVENT, rows, cols).getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ctl = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ctl.write(ByteBuffer.wrap(line));
        }
    }
}
