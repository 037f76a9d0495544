package dev.berth.image.remote;

import java.util.function.LongConsumer;

/** Reports a running byte count at most every 100 ms (and at the total), so progress streams stay small. */
final class ProgressTicker implements LongConsumer {
    private static final long INTERVAL_NANOS = 100_000_000L;
    private final TransferProgress progress;
    private final String id;
    private final String status;
    private final long total;
    private long last;

    ProgressTicker(TransferProgress progress, String id, String status, long total) {
        this.progress = progress;
        this.id = id;
        this.status = status;
        this.total = total;
    }

    @Override
    public void accept(long current) {
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS || current == total) {
            last = now;
            progress.bytes(id, status, current, total);
        }
    }
}
