package dev.berth.network;

import java.util.List;

/**
 * A container's endpoint on a network, as the controller tracks it while the container runs.
 *
 * @param names what the network's DNS answers with the endpoint's addresses (container name, short id, aliases)
 */
public record Attachment(String containerId, String containerName, Endpoint endpoint, List<String> names) {
    public Attachment {
        names = List.copyOf(names);
    }
}
