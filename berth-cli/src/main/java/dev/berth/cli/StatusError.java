package dev.berth.cli;

/**
 * A failure that ends the command with docker's exit status: the message goes to stderr as is
 * (1 for most errors, 125 for flag errors, 64 for a bad {@code --format}).
 */
public final class StatusError extends RuntimeException {
    private final int status;

    public StatusError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
