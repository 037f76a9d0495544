package dev.berth.cli.container;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The controlling terminal, switched to raw mode with {@code stty} on /dev/tty (no native code) while a
 * TTY container is attached, and given back as it was.
 *
 * <p>Use: {@code try (RawTerminal raw = RawTerminal.enter()) { … raw.size() … }}.
 */
public final class RawTerminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");
    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    public static RawTerminal enter() throws IOException {
        String saved = stty("-g").strip();
        stty("raw", "-echo");
        return new RawTerminal(saved);
    }

    /** {@code [rows, columns]} of the terminal, or null when stty cannot tell. */
    public static int[] size() {
        try {
            String[] parts = stty("size").strip().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String stty(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return output;
    }

    @Override
    public void close() {
        try {
            stty(saved);
        } catch (IOException e) {
            // Nothing better to do: the shell's own reset (e.g. `reset`) remains.
        }
    }
}
