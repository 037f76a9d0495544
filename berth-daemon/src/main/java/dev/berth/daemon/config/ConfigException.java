package dev.berth.daemon.config;

/** A configuration berthd refuses to start (or reload) with; the message is shown to the operator as is. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** dockerd exits with status 1 on every configuration error. */
    public int exitCode() {
        return 1;
    }
}
