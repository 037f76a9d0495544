package dev.berth.registry.store;

import dev.berth.oci.Digest;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What lets garbage collection run while clients push: every request that relies on a blob or manifest existing
 * (a blob HEAD or GET, a mount, an upload commit, a manifest PUT checking what it references) first records the
 * digest here and then looks, both under the digest's lock; the collector deletes under the same lock and only
 * what was not used since its cut-off.
 *
 * <p>So either the request recorded first, and the collector keeps the object, or the collector deleted first, and
 * the request sees it missing (and the client uploads it again). A client that checked a blob before the cut-off
 * and only now pushes the manifest referring to it is protected by the grace period that sets the cut-off
 * before the collection started.
 */
public final class UsageJournal {

    /** Work done while holding a digest's lock. */
    @FunctionalInterface
    public interface LockedAction<T> {
        T run() throws IOException;
    }

    private static final int STRIPES = 256;

    private final Map<Digest, Instant> lastUse = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public UsageJournal() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Records a use of {@code digest} and runs {@code action} (typically an existence check) under its lock. */
    public <T> T use(Digest digest, LockedAction<T> action) throws IOException {
        ReentrantLock lock = lockFor(digest);
        lock.lock();
        try {
            lastUse.put(digest, Instant.now());
            return action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the digest's lock unless the digest was used at or after {@code cutoff}. */
    public boolean unlessUsedSince(Digest digest, Instant cutoff, LockedAction<?> action) throws IOException {
        ReentrantLock lock = lockFor(digest);
        lock.lock();
        try {
            Instant used = lastUse.get(digest);
            if (used != null && !used.isBefore(cutoff)) {
                return false;
            }
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets uses older than {@code before}; no collection with a later cut-off needs them. */
    public void forgetBefore(Instant before) {
        lastUse.values().removeIf(t -> t.isBefore(before));
    }

    private ReentrantLock lockFor(Digest d) {
        return locks[Math.floorMod(d.encoded().hashCode(), STRIPES)];
    }
}
