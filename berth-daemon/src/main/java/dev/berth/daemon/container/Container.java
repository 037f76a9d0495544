package dev.berth.daemon.container;

import java.util.function.UnaryOperator;

/**
 * A container as the engine holds it: its stored record, the live attach hub, and a monitor that
 * waiters block on. Every change goes through {@link ContainerStore#update}, which persists it
 * before anyone can observe it.
 */
public final class Container {
    private volatile ContainerRecord record;
    private final AttachHub attach = new AttachHub();
    private long generation;
    private long exits;
    private boolean removed;

    Container(ContainerRecord record) {
        this.record = record;
    }

    public ContainerRecord record() {
        return record;
    }

    public String id() {
        return record.id();
    }

    public AttachHub attach() {
        return attach;
    }

    synchronized ContainerRecord apply(UnaryOperator<ContainerRecord> change) {
        record = change.apply(record);
        generation++;
        notifyAll();
        return record;
    }

    synchronized void noteExit() {
        exits++;
        generation++;
        notifyAll();
    }

    /** How many exits this daemon has seen; {@code wait?condition=next-exit} waits for it to grow. */
    public synchronized long exits() {
        return exits;
    }

    synchronized void markRemoved() {
        removed = true;
        generation++;
        notifyAll();
    }

    public synchronized boolean isRemoved() {
        return removed;
    }

    /** The number of state changes so far; waiters compare it to see that something happened. */
    public synchronized long generation() {
        return generation;
    }

    /** Blocks until the test holds (checked after every change) or the timeout passes; false on timeout. */
    public synchronized boolean await(java.util.function.Predicate<Container> test, long timeoutMillis)
            throws InterruptedException {
        long deadline = timeoutMillis <= 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMillis;
        while (!test.test(this)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 1000));
        }
        return true;
    }
}
