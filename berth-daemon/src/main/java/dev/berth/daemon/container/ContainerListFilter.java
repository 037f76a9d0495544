package dev.berth.daemon.container;

import dev.berth.daemon.api.Filters;
import dev.berth.image.store.Image;
import dev.berth.oci.error.InvalidArgumentException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code docker ps --filter}: status, name, id, label, ancestor, exited, before, since, volume, health,
 * network, publish, expose.
 */
final class ContainerListFilter {
    private static final Set<String> HEALTH = Set.of(HealthState.STARTING, HealthState.HEALTHY, HealthState.UNHEALTHY,
            HealthState.NONE);
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");
    private final ContainerContext ctx;

    ContainerListFilter(ContainerContext ctx) {
        this.ctx = ctx;
    }

    Predicate<Container> of(Filters f) {
        for (String s : f.get("status")) {
            if (!STATUSES.contains(s)) {
                throw new InvalidArgumentException("invalid filter 'status=" + s + "'");
            }
        }
        for (String h : f.get("health")) {
            if (!HEALTH.contains(h)) {
                throw new InvalidArgumentException("Unrecognised filter value for health: " + h);
            }
        }
        Optional<Instant> before = f.get("before").stream().findFirst()
                .map(ref -> Instant.parse(ctx.store().resolve(ref).record().created()));
        Optional<Instant> since = f.get("since").stream().findFirst()
                .map(ref -> Instant.parse(ctx.store().resolve(ref).record().created()));
        return c -> {
            ContainerRecord r = c.record();
            Instant created = Instant.parse(r.created());
            return f.anyMatches("status", s -> s.equals(r.state().status()))
                    && f.anyMatches("name", n -> Pattern.compile(n).matcher(r.shortName()).find())
                    && f.anyMatches("id", id -> r.id().startsWith(id))
                    && f.labelsMatch(r.config().labels())
                    && f.anyMatches("ancestor", a -> isAncestor(r, a))
                    && f.anyMatches("exited", e -> !r.state().running() && !r.state().startedAt().equals(ContainerState.ZERO_TIME)
                            && Integer.toString(r.state().exitCode()).equals(e))
                    && f.anyMatches("volume", v -> r.mounts().stream().anyMatch(m -> v.equals(m.name())
                            || v.equals(m.destination()) || v.equals(m.source())))
                    && f.anyMatches("health", h -> h.equals(r.state().health() == null ? HealthState.NONE
                            : r.state().health().status()))
                    && f.anyMatches("network", n -> onNetwork(c, n))
                    && f.anyMatches("publish", p -> publishes(c, p))
                    && f.anyMatches("expose", p -> ContainerNetworking.exposed(r).stream().anyMatch(e -> samePort(e, p)))
                    && before.map(created::isBefore).orElse(true)
                    && since.map(created::isAfter).orElse(true);
        };
    }

    private boolean onNetwork(Container c, String ref) {
        NetworkState s = ctx.networking().state(c.id());
        return s.networks().entrySet().stream().anyMatch(e -> e.getKey().equals(ref) || e.getValue().networkId().startsWith(ref));
    }

    private boolean publishes(Container c, String port) {
        return c.record().state().running() && ctx.networking().state(c.id()).ports().stream()
                .anyMatch(b -> samePort(b.hostPort() + "/" + b.proto(), port));
    }

    /** {@code 80} matches {@code 80/tcp}; {@code 80/udp} only itself. */
    private static boolean samePort(String have, String want) {
        String h = have.contains("/") ? have : have + "/tcp";
        String w = want.contains("/") ? want : want + "/tcp";
        return h.equalsIgnoreCase(w);
    }

    /** The image the container was created from, by the name it was given or by ID (or ID prefix). */
    private boolean isAncestor(ContainerRecord r, String ancestor) {
        if (r.config().image().equals(ancestor) || r.imageId().equals(ancestor)
                || r.imageId().startsWith("sha256:" + ancestor)) {
            return true;
        }
        try {
            return ctx.images().find(ancestor).map(Image::id).map(id -> id.toString().equals(r.imageId())).orElse(false);
        } catch (RuntimeException notAnImage) {
            return false;
        }
    }
}
