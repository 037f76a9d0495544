package dev.berth.testkit;

import java.io.InputStream;

/**
 * A fixed number of seeded pseudo-random bytes: incompressible like real binaries, yet the same
 * for the same seed, so padded fixtures keep a stable digest. Each byte is a pure function of
 * (seed, position), so the output does not depend on how callers chunk their reads.
 */
final class PseudoRandomStream extends InputStream {
    private final long seed;
    private final long size;
    private long position;

    PseudoRandomStream(long seed, long size) {
        this.seed = seed;
        this.size = size;
    }

    @Override
    public int read() {
        return position == size ? -1 : byteAt(position++) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position == size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = byteAt(position + i);
        }
        position += n;
        return n;
    }

    private byte byteAt(long pos) {
        return (byte) (mix(seed * 0x9E3779B97F4A7C15L + (pos >>> 3)) >>> ((pos & 7) * 8));
    }

    /** The SplitMix64 finaliser: a cheap bijection that scatters counter values. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
