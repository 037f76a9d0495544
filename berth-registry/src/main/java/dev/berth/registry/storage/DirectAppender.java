package dev.berth.registry.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Appends a request body to a file with direct I/O ({@code O_DIRECT}). Past its first MiB, the bytes go from the
 * socket into an aligned native buffer, are shown to the tap (the upload's SHA-256) and are written to the disk from
 * that same buffer while the next one fills: no copy through the heap, none into the page cache (on a VM, fresh
 * page-cache pages were the largest CPU cost of a 256 MiB upload), and the disk works while the body is still
 * arriving, so the sync at close has little left. The first MiB (up to a block boundary) goes through the page cache
 * from a small heap buffer: a small body is written like any small file, and the direct writes start aligned. So does
 * an unaligned tail, and everything where the file system refuses {@code O_DIRECT} (at open, or a write).
 */
final class DirectAppender {

    /** Bytes per direct write; several are in flight at once. */
    static final int CHUNK = 1 << 20;
    /** Bytes per read and write through the page cache. */
    private static final int SMALL_BUFFER = 1 << 18;
    private static final int IN_FLIGHT = 4;
    /** Runs the direct writes: blocking file writes would pin a virtual thread's carrier. Idle threads end. */
    private static final ExecutorService WRITERS =
            Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("blob-writer-", 0).factory());

    private final Path file;
    private final FileChannel buffered;
    private final Consumer<ByteBuffer> tap;
    private final ArrayDeque<Write> inFlight = new ArrayDeque<>();
    private boolean sourceEnded;

    /** A direct write of {@code length} bytes from the start of {@code buffer} at {@code position}. */
    private record Write(ByteBuffer buffer, int length, long position, Future<Integer> done) {
    }

    private DirectAppender(Path file, FileChannel buffered, Consumer<ByteBuffer> tap) {
        this.file = file;
        this.buffered = buffered;
        this.tap = tap;
    }

    /**
     * Appends {@code source} to {@code file} at {@code buffered}'s position, which ends up after the appended bytes;
     * returns how many there were. {@code block} is the file system's {@link #blockSize}; 0 turns direct I/O off.
     */
    static long append(Path file, FileChannel buffered, int block, ReadableByteChannel source,
            Consumer<ByteBuffer> tap) throws IOException {
        return new DirectAppender(file, buffered, tap).append(block, source);
    }

    /** The block size of the file system holding {@code dir}, or 0 when direct I/O is not worth trying there. */
    static int blockSize(Path dir) {
        try {
            long size = Files.getFileStore(dir).getBlockSize();
            return size > 0 && size <= CHUNK && Long.bitCount(size) == 1 ? (int) size : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    private long append(int block, ReadableByteChannel source) throws IOException {
        long start = buffered.position();
        // a small body goes through the page cache from a small heap buffer, as any small file should: its sync
        // at close is one of many the journal commits at once, and it needs no native buffers
        long pos = copyBuffered(source, start, block > 0 ? alignUp(start + CHUNK + 1, block) : Long.MAX_VALUE);
        if (!sourceEnded) {
            try (AsynchronousFileChannel direct = openDirect()) {
                pos = direct == null ? copyBuffered(source, pos, Long.MAX_VALUE)
                        : copyDirect(source, direct, block, pos);
            }
        }
        buffered.position(pos);
        return pos - start;
    }

    /** Copies through the page cache until the source ends or the file reaches {@code until} bytes. */
    private long copyBuffered(ReadableByteChannel source, long start, long until) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SMALL_BUFFER);
        long pos = start;
        while (!sourceEnded && pos < until) {
            buf.clear().limit((int) Math.min(SMALL_BUFFER, until - pos));
            sourceEnded = fill(source, buf);
            pos = writeBuffered(buf, pos);
        }
        return pos;
    }

    /** Copies from a block-aligned {@code start} with direct writes of whole buffers, until the source ends. */
    private long copyDirect(ReadableByteChannel source, AsynchronousFileChannel direct, int block, long start)
            throws IOException {
        long pos = start;
        // closed by hand after the last write ended: a resource would be closed before the finally block
        Arena arena = Arena.ofShared();
        try {
            int allocated = 0;
            while (!sourceEnded) {
                ByteBuffer buf;
                if (allocated < IN_FLIGHT) {
                    buf = arena.allocate(CHUNK, block).asByteBuffer();
                    allocated++;
                } else {
                    buf = awaitOldest().clear();
                }
                sourceEnded = fill(source, buf);
                int whole = buf.limit() & -block;
                if (whole > 0) {
                    inFlight.add(new Write(buf, whole, pos, direct.write(buf.duplicate().limit(whole), pos)));
                }
                if (whole < buf.limit()) {
                    awaitAll();
                    writeBuffered(buf.position(whole), pos + whole);
                }
                pos += buf.limit();
            }
            awaitAll();
        } finally {
            abandonInFlight();
            arena.close();
        }
        return pos;
    }

    private static long alignUp(long pos, int block) {
        return (pos + block - 1) & -block;
    }

    /** Reads until {@code buf} is full or the source ends (then true), flips it and shows it to the tap. */
    private boolean fill(ReadableByteChannel source, ByteBuffer buf) throws IOException {
        boolean ended = false;
        while (buf.hasRemaining() && !ended) {
            ended = source.read(buf) < 0;
        }
        buf.flip();
        if (buf.hasRemaining()) {
            tap.accept(buf.duplicate());
        }
        return ended;
    }

    private long writeBuffered(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            pos += buffered.write(buf, pos);
        }
        return pos;
    }

    private ByteBuffer awaitOldest() throws IOException {
        Write w = inFlight.poll();
        int written;
        try {
            written = w.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.addFirst(w);
            throw new InterruptedIOException("interrupted writing " + file);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw new IOException(e.getCause());
            }
            // a file system that opens files for direct I/O but refuses the writes (EINVAL) gets them buffered;
            // a real I/O error fails again there
            written = 0;
        }
        if (written < w.length()) {
            writeBuffered(w.buffer().duplicate().limit(w.length()).position(written), w.position() + written);
        }
        return w.buffer();
    }

    private void awaitAll() throws IOException {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /** After a failure: waits for writes still using the buffers, whatever their outcome, before they are freed. */
    private void abandonInFlight() {
        boolean interrupted = false;
        for (Write w : inFlight) {
            while (true) {
                try {
                    w.done().get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
        }
        inFlight.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private AsynchronousFileChannel openDirect() {
        try {
            return AsynchronousFileChannel.open(file, Set.of(StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT),
                    WRITERS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
