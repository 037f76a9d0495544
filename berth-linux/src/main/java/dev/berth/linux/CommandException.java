package dev.berth.linux;

import java.io.IOException;
import java.util.List;

/** An external program that could not start, timed out, or exited non-zero; the message says which, and how. */
public final class CommandException extends IOException {
    private final List<String> argv;

    CommandException(Command command, String what, Throwable cause) {
        super("command `" + command + "` " + what, cause);
        this.argv = command.argv();
    }

    public List<String> argv() {
        return argv;
    }
}
