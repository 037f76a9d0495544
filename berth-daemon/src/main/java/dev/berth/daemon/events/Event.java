package dev.berth.daemon.events;

import java.util.Map;

/** One thing that happened: type (container, image, volume, network, daemon), action and actor. */
public record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {

    public long time() {
        return timeNano / 1_000_000_000L;
    }
}
