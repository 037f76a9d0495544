package dev.berth.linux;

import java.util.List;

/**
 * How the uids and gids of a user namespace lie on the host's: ranges of container ids onto host ids, as a
 * namespace's {@code uid_map} and {@code gid_map} hold them. {@link #IDENTITY} (no ranges) stands for no user
 * namespace: every id is itself.
 *
 * <p>With {@code --userns-remap} the container's root is a subordinate id of the host:
 * <pre>{@code
 * IdMap map = new IdMap(List.of(new Range(0, 100000, 65536)), List.of(new Range(0, 100000, 65536)));
 * map.hostUid(0);           // 100000: who owns the container's files on the host
 * map.containerUid(100033); // 33: what a tar of those files records
 * map.containerUid(0);      // 65534: the host's root is nobody inside
 * }</pre>
 */
public record IdMap(List<Range> uids, List<Range> gids) {
    public static final IdMap IDENTITY = new IdMap(List.of(), List.of());
    /** What the kernel shows inside a namespace for an id that has no mapping there ({@code overflowuid}). */
    public static final long OVERFLOW_ID = 65534;

    /** {@code size} ids from {@code containerId} on are the host's ids from {@code hostId} on. */
    public record Range(long containerId, long hostId, long size) {
        public Range {
            if (containerId < 0 || hostId < 0 || size <= 0) {
                throw new IllegalArgumentException("invalid id range: container " + containerId + ", host " + hostId
                        + ", size " + size);
            }
        }
    }

    public IdMap {
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
        if (uids.isEmpty() != gids.isEmpty()) {
            throw new IllegalArgumentException("a user namespace maps both uids and gids, or neither");
        }
    }

    public boolean isIdentity() {
        return uids.isEmpty();
    }

    /** The host uid of a container uid; an id outside every range cannot be stored for the container. */
    public long hostUid(long containerUid) {
        return toHost(uids, containerUid);
    }

    public long hostGid(long containerGid) {
        return toHost(gids, containerGid);
    }

    /** The uid the container sees for a host uid: {@link #OVERFLOW_ID} for one outside every range, as the kernel does. */
    public long containerUid(long hostUid) {
        return toContainer(uids, hostUid);
    }

    public long containerGid(long hostGid) {
        return toContainer(gids, hostGid);
    }

    private long toHost(List<Range> ranges, long id) {
        if (isIdentity()) {
            return id;
        }
        for (Range r : ranges) {
            if (id >= r.containerId() && id - r.containerId() < r.size()) {
                return r.hostId() + id - r.containerId();
            }
        }
        throw new IllegalArgumentException("Container ID " + id + " cannot be mapped to a host ID");
    }

    private long toContainer(List<Range> ranges, long id) {
        if (isIdentity()) {
            return id;
        }
        for (Range r : ranges) {
            if (id >= r.hostId() && id - r.hostId() < r.size()) {
                return r.containerId() + id - r.hostId();
            }
        }
        return OVERFLOW_ID;
    }
}
