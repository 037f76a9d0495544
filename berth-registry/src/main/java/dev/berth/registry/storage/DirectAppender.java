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
 * Appends a request body to a file with direct I/O ({@code O_DIRECT}). The bytes go from the socket into an
 * aligned native buffer, are shown to the tap (the upload's SHA-256) and are written to the disk from that same
 * buffer while the next one fills: no copy through the heap, none into the page cache (on a VM, fresh page-cache
 * pages were the largest CPU cost of a 256 MiB upload), and the disk works while the body is still arriving, so the
 * sync at close has only metadata left. The unaligned head (up to the next block boundary after the current size)
 * and tail (after the last whole block) go through the page cache. Where the file system refuses {@code O_DIRECT}
 * (at open, or a write) the writes go through the page cache, still from the same buffers.
 */
final class DirectAppender {

    /** Bytes per write; several are in flight at once. */
    static final int CHUNK = 1 << 20;
    private static final int IN_FLIGHT = 4;
    /** Runs the direct writes: blocking file writes would pin a virtual thread's carrier. Idle threads end. */
    private static final ExecutorService WRITERS =
            Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("blob-writer-", 0).factory());

    private final Path file;
    private final FileChannel buffered;
    private final Consumer<ByteBuffer> tap;
    private final ArrayDeque<Write> inFlight = new ArrayDeque<>();

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
        long end;
        try (AsynchronousFileChannel direct = block > 0 ? openDirect() : null) {
            end = direct == null ? copyBuffered(source, start) : copyDirect(source, direct, block, start);
        }
        buffered.position(end);
        return end - start;
    }

    private long copyDirect(ReadableByteChannel source, AsynchronousFileChannel direct, int block, long start)
            throws IOException {
        long pos = start;
        if (pos % block != 0) {
            ByteBuffer head = ByteBuffer.allocate((int) (block - pos % block));
            boolean ended = fill(source, head);
            pos = writeBuffered(head, pos);
            if (ended) {
                return pos;
            }
        }
        // closed by hand after the last write ended: a resource would be closed before the finally block
        Arena arena = Arena.ofShared();
        try {
            int allocated = 0;
            for (boolean ended = false; !ended; ) {
                ByteBuffer buf;
                if (allocated < IN_FLIGHT) {
                    buf = arena.allocate(CHUNK, block).asByteBuffer();
                    allocated++;
                } else {
                    buf = awaitOldest().clear();
                }
                ended = fill(source, buf);
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

    private long copyBuffered(ReadableByteChannel source, long start) throws IOException {
        long pos = start;
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer buf = arena.allocate(CHUNK).asByteBuffer();
            for (boolean ended = false; !ended; buf.clear()) {
                ended = fill(source, buf);
                pos = writeBuffered(buf, pos);
            }
        }
        return pos;
    }

    /** Reads until {@code buf} is full or the source ends (then true), flips it and shows it to the tap. */
    private boolean fill(ReadableByteChannel source, ByteBuffer buf) throws IOException {
        boolean ended = false;
        while (buf.hasRemaining() && !ended) {
            ended = source.read(buf) < 0;
        }
        buf.flip();
        if (buf.hasRemaining()) {
            tap.accept(buf.asReadOnlyBuffer());
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
