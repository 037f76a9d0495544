package dev.berth.runtime;

import java.io.IOException;

/**
 * The OCI runtime refused to create or exec a process; {@link #runtimeMessage} is what it wrote,
 * which the daemon inspects (e.g. {@code no such file or directory} for exit code 127).
 */
public final class RuntimeFailureException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String runtimeMessage;

    public RuntimeFailureException(String message, String runtimeMessage) {
        super(message);
        this.runtimeMessage = runtimeMessage;
    }

    public String runtimeMessage() {
        return runtimeMessage;
    }
}
