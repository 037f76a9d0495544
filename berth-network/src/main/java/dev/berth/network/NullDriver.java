package dev.berth.network;

import java.nio.file.Path;

/**
 * {@code none} and {@code host}: networks without endpoints. A container on {@code none} has a sandbox
 * with only {@code lo}; one on {@code host} has no sandbox and shares the host's namespace.
 */
public record NullDriver(String type) implements NetworkDriver {

    @Override
    public boolean hasEndpoints() {
        return false;
    }

    @Override
    public void createNetwork(Network network) {
    }

    @Override
    public void deleteNetwork(Network network) {
    }

    @Override
    public void join(Network network, Endpoint endpoint, Path sandbox, boolean gateway) {
        throw new UnsupportedOperationException(type + " networks have no endpoints");
    }

    @Override
    public void leave(Network network, Endpoint endpoint, Path sandbox) {
    }
}
