package dev.berth.linux;

import java.nio.charset.StandardCharsets;

/** How a {@link Command} ended: its exit code and everything it wrote. */
public record CommandResult(Command command, int exitCode, byte[] stdoutBytes, byte[] stderrBytes) {
    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public String stderr() {
        return new String(stderrBytes, StandardCharsets.UTF_8);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result when the program exited 0; otherwise a {@link CommandException} naming what failed. */
    public CommandResult check() throws CommandException {
        if (exitCode != 0) {
            String err = stderr().strip();
            throw new CommandException(command, "exited with code " + exitCode + (err.isEmpty() ? "" : ": " + err), null);
        }
        return this;
    }
}
