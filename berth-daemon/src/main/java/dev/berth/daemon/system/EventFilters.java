package dev.berth.daemon.system;

import dev.berth.daemon.api.Filters;
import dev.berth.daemon.events.Event;
import java.util.function.Predicate;

/** Docker's event filters: each key given must match (values of one key are alternatives). */
final class EventFilters {
    private EventFilters() {
    }

    static Predicate<Event> of(Filters f) {
        return e -> f.anyMatches("type", t -> t.equals(e.type()))
                && f.anyMatches("event", a -> a.equals(e.action()) || e.action().startsWith(a + ":"))
                && f.anyMatches("scope", s -> s.equals("local"))
                && actorMatches(f, "container", e)
                && actorMatches(f, "image", e)
                && actorMatches(f, "volume", e)
                && actorMatches(f, "network", e)
                && actorMatches(f, "daemon", e)
                && f.labelsMatch(e.attributes());
    }

    /** A {@code container=x} filter keeps events of that type whose actor ID or name matches, and drops other types. */
    private static boolean actorMatches(Filters f, String type, Event e) {
        if (!f.has(type)) {
            return true;
        }
        boolean imageOfContainer = type.equals("image") && e.type().equals("container");
        if (!e.type().equals(type) && !imageOfContainer) {
            return false;
        }
        if (type.equals("image")) {
            String name = e.attributes().getOrDefault(imageOfContainer ? "image" : "name", "");
            return f.anyMatches(type, v -> !imageOfContainer && v.equals(e.actorId())
                    || v.equals(name) || v.equals(withoutTag(name)));
        }
        return f.anyMatches(type, v -> e.actorId().startsWith(v) || v.equals(e.attributes().get("name")));
    }

    /** {@code busybox:latest} → {@code busybox}, as dockerd's image filter also tries; digests are left alone. */
    private static String withoutTag(String name) {
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') && !name.contains("@") ? name.substring(0, colon) : name;
    }
}
