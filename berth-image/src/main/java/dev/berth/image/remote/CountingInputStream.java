package dev.berth.image.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts the bytes read through it and reports the running total, which progress bars are drawn from. */
final class CountingInputStream extends FilterInputStream {
    private final LongConsumer onRead;
    private long count;

    CountingInputStream(InputStream in) {
        this(in, n -> { });
    }

    CountingInputStream(InputStream in, LongConsumer onRead) {
        super(in);
        this.onRead = onRead;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            onRead.accept(++count);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            onRead.accept(count);
        }
        return n;
    }

    long count() {
        return count;
    }
}
