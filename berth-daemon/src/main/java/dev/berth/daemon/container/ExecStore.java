package dev.berth.daemon.container;

import dev.berth.oci.error.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The execs of one engine, by ID, in memory only (as in dockerd, execs do not survive a daemon
 * restart). Exited execs stay inspectable for a while, then are forgotten like dockerd's exec GC.
 */
public final class ExecStore {
    private static final Duration KEEP_EXITED = Duration.ofMinutes(5);
    // keyed by the engine's container store: unlike the context record, it has an identity that never changes
    private static final Map<ContainerStore, ExecStore> BY_ENGINE = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, ExecInstance> byId = new ConcurrentHashMap<>();

    /** The store of an engine: the exec routes and container inspect ({@code ExecIDs}) share it. */
    public static ExecStore of(ContainerContext ctx) {
        return BY_ENGINE.computeIfAbsent(ctx.store(), s -> new ExecStore());
    }

    ExecInstance create(String containerId, ExecConfig config) {
        forgetOldExits(Instant.now());
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        ExecInstance e = new ExecInstance(HexFormat.of().formatHex(random), containerId, config);
        byId.put(e.id(), e);
        return e;
    }

    public ExecInstance resolve(String id) {
        ExecInstance e = byId.get(id);
        if (e == null) {
            throw new NotFoundException("No such exec instance: " + id);
        }
        return e;
    }

    /** The IDs of a container's execs that have not exited; null when there are none, as dockerd shows it. */
    public List<String> liveIds(String containerId) {
        List<String> ids = byId.values().stream()
                .filter(e -> e.containerId().equals(containerId) && e.live())
                .map(ExecInstance::id).sorted().toList();
        return ids.isEmpty() ? null : ids;
    }

    private void forgetOldExits(Instant now) {
        byId.values().removeIf(e -> e.exitedAt().map(t -> t.plus(KEEP_EXITED).isBefore(now)).orElse(false));
    }
}
