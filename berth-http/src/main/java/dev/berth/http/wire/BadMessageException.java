package dev.berth.http.wire;

import java.io.IOException;

/** The peer sent bytes that are not HTTP/1.1; {@link #status()} is what a server answers before closing. */
public final class BadMessageException extends IOException {

    private final int status;

    public BadMessageException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static BadMessageException malformed(String message) {
        return new BadMessageException(400, message);
    }

    public int status() {
        return status;
    }
}
