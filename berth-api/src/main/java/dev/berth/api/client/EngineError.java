package dev.berth.api.client;

/** A non-2xx answer from the daemon, with the message a docker CLI would print after "Error response from daemon: ". */
public final class EngineError extends RuntimeException {

    private final int status;

    public EngineError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
