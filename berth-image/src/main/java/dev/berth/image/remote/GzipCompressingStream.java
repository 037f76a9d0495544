package dev.berth.image.remote;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Reads a source and yields it gzip-compressed, so an upload can pull compressed bytes straight
 * from a layer tar without a second thread or a temporary file.
 *
 * <p>Layers mix data LZ77 compresses well (binaries, text) with data it cannot (already
 * compressed files, random bytes), and zlib spends as long failing on the latter as succeeding on
 * the former. So each 1 MiB block is first sampled: a block whose sample does not shrink is
 * stored, one that only shrinks a little (high-entropy text) gets Huffman coding alone, the rest
 * the configured level. The output is ordinary gzip either way.
 */
final class GzipCompressingStream extends InputStream {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private final InputStream source;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private static final int BLOCK = 1 << 20;
    private static final int SAMPLE = 1 << 16;
    private final int level;
    private final Deflater probe = new Deflater(1, true);
    private final byte[] probeOut = new byte[SAMPLE + 1024];
    private final byte[] in = new byte[BLOCK];
    private byte[] pending = HEADER.clone();
    private int pendingPos;
    private final byte[] out = new byte[1 << 17];
    private boolean trailerWritten;

    GzipCompressingStream(InputStream source, int level) {
        this.source = source;
        this.level = level;
        this.deflater = new Deflater(level, true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pending == null || pendingPos >= pending.length) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
    }

    /** Produces the next compressed bytes into {@code pending}; false at the very end. */
    private boolean fill() throws IOException {
        if (trailerWritten) {
            return false;
        }
        if (!deflater.finished()) {
            if (deflater.needsInput()) {
                int n = source.readNBytes(in, 0, BLOCK);
                if (n == 0) {
                    deflater.finish();
                } else {
                    crc.update(in, 0, n);
                    choose(n);
                    deflater.setInput(in, 0, n);
                }
            }
            int produced = deflater.deflate(out, 0, out.length);
            setPending(java.util.Arrays.copyOf(out, produced));
            return true;
        }
        long size = deflater.getBytesRead();
        deflater.end();
        probe.end();
        byte[] trailer = new byte[8];
        writeInt(trailer, 0, crc.getValue());
        writeInt(trailer, 4, size);
        setPending(trailer);
        trailerWritten = true;
        return true;
    }

    /** Sets level and strategy for the next block from how well a sample of it compresses at level 1. */
    private void choose(int n) {
        int sample = Math.min(n, SAMPLE);
        probe.reset();
        probe.setInput(in, 0, sample);
        probe.finish();
        int out = 0;
        while (!probe.finished() && out < probeOut.length) {
            out += probe.deflate(probeOut, out, probeOut.length - out);
        }
        double ratio = (double) out / sample;
        if (ratio > 0.95) {
            deflater.setLevel(Deflater.NO_COMPRESSION);
            deflater.setStrategy(Deflater.DEFAULT_STRATEGY);
        } else if (ratio > 0.7) {
            deflater.setLevel(level);
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
        } else {
            deflater.setLevel(level);
            deflater.setStrategy(Deflater.DEFAULT_STRATEGY);
        }
    }

    private void setPending(byte[] bytes) {
        pending = bytes;
        pendingPos = 0;
    }

    private static void writeInt(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    @Override
    public void close() throws IOException {
        if (!trailerWritten) {
            deflater.end();
            probe.end();
        }
        source.close();
    }
}
