package dev.berth.runtime;

import dev.berth.linux.Nodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pipes conmon expects on inherited descriptors, made as FIFOs that a tiny shell opens onto
 * fds 3–5 ({@code exec conmon … 3>sync 4<start 5>attach}), because a Java child gets only fds 0–2.
 *
 * <ul>
 * <li>{@code sync} (fd 3, {@code _OCI_SYNCPIPE}): conmon writes the container pid, or the runtime's error;</li>
 * <li>{@code start} (fd 4, {@code _OCI_STARTPIPE}, exec-attach only): conmon waits for a byte before it
 *     forks, and again before it runs {@code runtime exec}, so the caller can connect first;</li>
 * <li>{@code attach} (fd 5, {@code _OCI_ATTACHPIPE}, exec-attach only): conmon says its attach socket is ready.</li>
 * </ul>
 *
 * Each FIFO is opened here in a virtual thread at once, since opening one end blocks until the shell
 * opens the other; a launch that fails before that is undone by {@link #close}, which opens the
 * other ends itself so no opener stays blocked.
 */
final class ParentPipes implements AutoCloseable {
    private final Path sync;
    private final Path start;
    private final Path attach;
    private final ExecutorService openers = Executors.newVirtualThreadPerTaskExecutor();
    private final Future<InputStream> syncIn;
    private final Future<OutputStream> startOut;
    private final Future<InputStream> attachIn;

    private ParentPipes(Path dir, boolean execAttach) throws IOException {
        sync = fifo(dir, "sync");
        start = execAttach ? fifo(dir, "start") : null;
        attach = execAttach ? fifo(dir, "attach-ready") : null;
        syncIn = openers.submit(() -> Files.newInputStream(sync));
        startOut = execAttach ? openers.submit(() -> openStartAndRelease(start)) : null;
        attachIn = execAttach ? openers.submit(() -> Files.newInputStream(attach)) : null;
    }

    /** Makes the FIFOs in {@code dir} and starts opening the daemon's ends. */
    static ParentPipes open(Path dir, boolean execAttach) throws IOException {
        return new ParentPipes(dir, execAttach);
    }

    /** Shell text that runs {@code "$@"} (after shifting the FIFO paths) with the FIFOs on fds 3–5. */
    String execLine() {
        return start == null
                ? "s=$1; shift; exec \"$@\" 3>\"$s\""
                : "s=$1 t=$2 a=$3; shift 3; exec \"$@\" 3>\"$s\" 4<\"$t\" 5>\"$a\"";
    }

    /** The FIFO paths, the shell's first positional arguments. */
    List<String> shellArgs() {
        List<String> args = new ArrayList<>(List.of(sync.toString()));
        if (start != null) {
            args.add(start.toString());
            args.add(attach.toString());
        }
        return args;
    }

    Map<String, String> env() {
        return start == null
                ? Map.of("_OCI_SYNCPIPE", "3")
                : Map.of("_OCI_SYNCPIPE", "3", "_OCI_STARTPIPE", "4", "_OCI_ATTACHPIPE", "5");
    }

    /** The container's pid, or the runtime's failure, from the sync pipe. */
    SyncReply awaitSync(Duration limit) throws IOException {
        return readReply(syncIn, "sync", limit);
    }

    /** Blocks until conmon's attach socket is listening (exec-attach). */
    SyncReply awaitAttachReady(Duration limit) throws IOException {
        return readReply(attachIn, "attach", limit);
    }

    /** Lets an exec-attach conmon run the process: the caller is connected. */
    void releaseExec() throws IOException {
        try (OutputStream out = get(startOut, Duration.ofSeconds(5), "start")) {
            out.write(0);
        }
    }

    @Override
    public void close() {
        for (Path p : new Path[] {sync, start, attach}) {
            unblock(p);
        }
        openers.shutdownNow();
        for (Future<? extends AutoCloseable> f : List.of(syncIn, startOrDone(startOut), startOrDone(attachIn))) {
            closeIfOpened(f);
        }
        for (Path p : new Path[] {sync, start, attach}) {
            deleteQuietly(p);
        }
    }

    private static OutputStream openStartAndRelease(Path start) throws IOException {
        OutputStream out = Files.newOutputStream(start);
        out.write(0); // conmon reads once before it forks; the second byte comes from releaseExec
        out.flush();
        return out;
    }

    private SyncReply readReply(Future<InputStream> pipe, String name, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        InputStream in = get(pipe, limit, name);
        Future<String> line = openers.submit(() -> readLine(in));
        String text = get(line, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), name);
        if (text.isEmpty()) {
            throw new IOException("conmon exited without a message on its " + name + " pipe");
        }
        return SyncReply.parse(text);
    }

    private static <T> T get(Future<T> future, Duration limit, String name) throws IOException {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("conmon sent nothing on its " + name + " pipe within " + limit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for conmon's " + name + " pipe", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** One JSON line; empty at once-only EOF (conmon died). */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static Path fifo(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.deleteIfExists(p);
        Nodes.mknod(p, Nodes.S_IFIFO | 0600, 0, 0);
        return p;
    }

    /** Opening a FIFO read-write never blocks and counts as both ends, so a blocked open returns. */
    private static void unblock(Path fifo) {
        if (fifo == null) {
            return;
        }
        try {
            FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            // The FIFO is gone already; nobody can be blocked on it.
        }
    }

    private static Future<? extends AutoCloseable> startOrDone(Future<? extends AutoCloseable> f) {
        return f == null ? CompletableFuture.completedFuture(null) : f;
    }

    private static void closeIfOpened(Future<? extends AutoCloseable> f) {
        try {
            AutoCloseable c = f.get(1, TimeUnit.SECONDS);
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // Never opened, or already broken: nothing to release.
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover FIFO is harmless; the next launch replaces it.
        }
    }
}
