package dev.berth.network;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a network type does on the host. The controller keeps the model (networks, addresses,
 * endpoints, firewall); a driver only makes the kernel objects. A bridge network is made like this:
 * <pre>{@code
 * driver.createNetwork(net);                 // the bridge, its gateway address, up
 * driver.join(net, endpoint, sandboxPath);   // veth pair, one end in the sandbox as eth0 with its address
 * driver.leave(net, endpoint, sandboxPath);  // the pair is gone
 * driver.deleteNetwork(net);                 // the bridge is gone unless the user made it
 * }</pre>
 * Overlay and remote drivers implement the same four calls.
 */
public interface NetworkDriver {

    /** The name used in {@code network create -d}. */
    String type();

    /** Whether containers on such a network get an endpoint in their sandbox (false for null and host). */
    boolean hasEndpoints();

    void createNetwork(Network network) throws IOException;

    void deleteNetwork(Network network) throws IOException;

    /** Puts the endpoint into the sandbox (a network namespace file) with its addresses; {@code gateway} adds the default route. */
    void join(Network network, Endpoint endpoint, Path sandbox, boolean gateway) throws IOException;

    void leave(Network network, Endpoint endpoint, Path sandbox) throws IOException;
}
