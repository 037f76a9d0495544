package dev.berth.registry.config;

/** A config.yml or environment value the registry cannot start with; the message names the key. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
