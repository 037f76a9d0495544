package dev.berth.daemon.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * The daemon's event log: a bounded in-memory history (Docker keeps the last 256 too) that
 * {@code since} replays from, and live subscribers that receive what happens next.
 */
public final class EventLog {
    private static final int HISTORY = 1024;
    private final Deque<Event> history = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private long lastNano;

    public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        Event e;
        synchronized (this) {
            Instant now = Instant.now();
            long nano = Math.max(now.getEpochSecond() * 1_000_000_000L + now.getNano(), lastNano + 1);
            lastNano = nano;
            e = new Event(type, action, actorId, Map.copyOf(attributes), nano);
            history.addLast(e);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            for (Subscription s : subscribers) {
                if (s.filter.test(e)) {
                    s.queue.add(e);
                }
            }
        }
    }

    /** Events already logged in the window, then a live subscription (registered atomically, nothing is missed). */
    public synchronized Subscription subscribe(long sinceNano, Predicate<Event> filter) {
        List<Event> past = new ArrayList<>();
        for (Event e : history) {
            if (e.timeNano() >= sinceNano && filter.test(e)) {
                past.add(e);
            }
        }
        Subscription s = new Subscription(past, filter);
        subscribers.add(s);
        return s;
    }

    /** A subscriber's view: the replayed events, then a queue of new ones. */
    public final class Subscription implements AutoCloseable {
        private final List<Event> past;
        private final Predicate<Event> filter;
        private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();

        private Subscription(List<Event> past, Predicate<Event> filter) {
            this.past = past;
            this.filter = filter;
        }

        public List<Event> past() {
            return past;
        }

        /** The next live event, or null after the timeout. */
        public Event next(long timeoutMillis) throws InterruptedException {
            return queue.poll(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
