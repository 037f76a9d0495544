package dev.berth.runtime;

import dev.berth.linux.ChildReaper;
import dev.berth.linux.LinuxException;
import dev.berth.linux.PipedChild;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An attached exec without a terminal, run by {@code runc exec --detach} straight from berthd, without the
 * monitor process conmon would add per exec (about as costly as the exec itself). The process inherits
 * runc's stdio, three pipes to berthd, so it writes into them itself; and since berthd is a child
 * subreaper ({@link ChildReaper}), the process becomes berthd's child when runc exits, and berthd waits for
 * it. Its client is connected to berthd, so nothing has to outlive berthd.
 *
 * <p>One platform thread per exec waits on both output pipes and on the exit at once ({@link PipedChild}):
 * first runc's, then the process's. So output keeps the order in which it is read across stdout and
 * stderr, as under conmon. Output is held back until runc has exited: what runc says on stderr when it
 * cannot start the process is the start failure, which the attachment reports as a
 * {@link RuntimeFailureException} instead of output.
 */
final class DirectExec implements ExecProcess {
    /** Reads after the exit: what the process wrote is in the pipes; a child it left may go on writing. */
    private static final int MAX_DRAIN_READS = 64;
    private static final Attachment.Chunk END = new Attachment.Chunk(0, new byte[0]);

    private final PipedChild runtime;
    private final String what;
    private final Path pidFile;
    private final OutputStream stdin;
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final BlockingQueue<Attachment.Chunk> output = new LinkedBlockingQueue<>();
    private volatile boolean discard;
    private boolean attachmentTaken;

    private DirectExec(PipedChild runtime, String what, Path pidFile, OutputStream stdin) {
        this.runtime = runtime;
        this.what = what;
        this.pidFile = pidFile;
        this.stdin = stdin;
    }

    /** Whether this process can adopt an exec's process, which this way of running execs needs. */
    static boolean available() {
        return ChildReaper.becomeSubreaper();
    }

    /**
     * Runs {@code argv} (the runtime's {@code exec --detach --pid-file pidFile}). It returns at once; a
     * process the runtime could not start shows as the attachment's failure.
     */
    static DirectExec start(List<String> argv, String what, Path pidFile, boolean openStdin) throws IOException {
        PipedChild child = PipedChild.spawn(argv, openStdin);
        DirectExec exec;
        try {
            exec = new DirectExec(child, what, pidFile, openStdin ? child.stdin() : null);
        } catch (IOException e) {
            child.close();
            throw e;
        }
        Thread.ofPlatform().daemon().name("exec-io-" + child.pid()).start(exec::relay);
        return exec;
    }

    /** The relay thread: output to the queue in the order it is read, then the process's exit status. */
    private void relay() {
        byte[] buffer = new byte[PipedChild.BUFFER];
        List<Attachment.Chunk> held = new ArrayList<>();
        OptionalInt status = OptionalInt.empty();
        try {
            while (true) {
                int ready = runtime.await(-1);
                readReady(ready, buffer, held);
                if ((ready & PipedChild.EXITED) == 0) {
                    continue;
                }
                if (started.isDone()) {
                    status = runtime.exitStatus();
                    if (status.isPresent()) {
                        drain(buffer);
                        return;
                    }
                } else if (!adopt(runtime.exitStatus(), held)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
            exit.completeExceptionally(e);
        } finally {
            started.thenAccept(ChildReaper::release);
            output.add(END);
            runtime.close();
            closeQuietly(stdin);
            if (status.isPresent()) {
                exit.complete(status.getAsInt());
            } else {
                exit.completeExceptionally(new IOException(what + " ended without an exit status"));
            }
        }
    }

    /**
     * runc has exited: with 0 the process runs (or ran), and is watched from now on; otherwise runc's stderr
     * is why it could not start. Returns whether there is a process to go on with.
     */
    private boolean adopt(OptionalInt runcStatus, List<Attachment.Chunk> held) throws IOException {
        if (runcStatus.isEmpty()) {
            return true; // not quite gone yet
        }
        OptionalInt pid = runcStatus.getAsInt() == 0 ? readPid() : OptionalInt.empty();
        if (pid.isEmpty()) {
            started.completeExceptionally(startFailure(held));
            return false;
        }
        ChildReaper.claim(pid.getAsInt());
        runtime.follow(pid.getAsInt());
        started.complete(pid.getAsInt());
        held.forEach(this::emit);
        held.clear();
        return true;
    }

    /** Reads once from each ready stream, stdout first; held back until the start is known. */
    private boolean readReady(int ready, byte[] buffer, List<Attachment.Chunk> held) throws LinuxException {
        boolean read = false;
        for (int stream : new int[] {PipedChild.STDOUT, PipedChild.STDERR}) {
            if ((ready & stream) != 0) {
                int n = runtime.read(stream, buffer);
                if (n > 0) {
                    Attachment.Chunk chunk = new Attachment.Chunk(stream, Arrays.copyOf(buffer, n));
                    if (started.isDone()) {
                        emit(chunk);
                    } else {
                        held.add(chunk);
                    }
                    read = true;
                }
            }
        }
        return read;
    }

    private void drain(byte[] buffer) throws LinuxException {
        for (int i = 0; i < MAX_DRAIN_READS; i++) {
            int ready = runtime.await(0) & (PipedChild.STDOUT | PipedChild.STDERR);
            if (ready == 0 || !readReady(ready, buffer, List.of())) {
                return;
            }
        }
    }

    private void emit(Attachment.Chunk chunk) {
        if (!discard) {
            output.add(chunk);
        }
    }

    private OptionalInt readPid() {
        try {
            return ConmonDirs.readPid(pidFile);
        } catch (IOException unreadable) {
            return OptionalInt.empty();
        }
    }

    private RuntimeFailureException startFailure(List<Attachment.Chunk> held) {
        StringBuilder said = new StringBuilder();
        for (Attachment.Chunk c : held) {
            if (c.stream() == PipedChild.STDERR) {
                said.append(new String(c.data(), StandardCharsets.UTF_8));
            }
        }
        String text = said.toString().strip();
        return new RuntimeFailureException(what + " failed: " + (text.isEmpty() ? "no message" : text), text);
    }

    private static IOException failureOf(CompletableFuture<Integer> future) {
        try {
            future.join();
            return new IOException("it did not fail");
        } catch (CompletionException e) {
            return e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static void closeQuietly(OutputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            // the process is gone, and its stdin with it
        }
    }

    /** The process's pid once runc has started it; 0 before. */
    @Override
    public int pid() {
        return started.isDone() && !started.isCompletedExceptionally() ? started.join() : 0;
    }

    @Override
    public synchronized Attachment attach() throws IOException {
        if (attachmentTaken) {
            throw new IOException("the attachment of " + what + " was taken");
        }
        attachmentTaken = true;
        return new QueuedAttachment();
    }

    @Override
    public void resize(int rows, int cols) {
        // no terminal: nothing to size
    }

    @Override
    public Optional<Integer> exitCode() {
        return exit.isDone() && !exit.isCompletedExceptionally() ? Optional.of(exit.join()) : Optional.empty();
    }

    @Override
    public int waitFor() throws IOException, InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** The relay's queue as an attachment; closing it drops the output from then on, and the process goes on. */
    private final class QueuedAttachment implements Attachment {
        private boolean ended;

        @Override
        public Chunk read() throws IOException {
            if (ended) {
                return null;
            }
            try {
                Chunk chunk = output.take();
                if (chunk != END) {
                    return chunk;
                }
                ended = true;
                if (started.isCompletedExceptionally()) {
                    throw failureOf(started);
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the output of " + what, e);
            }
        }

        @Override
        public void writeStdin(byte[] bytes, int offset, int length) throws IOException {
            if (stdin == null) {
                throw new IOException(what + " was started without stdin");
            }
            stdin.write(bytes, offset, length);
            stdin.flush();
        }

        @Override
        public void closeStdin() throws IOException {
            if (stdin != null) {
                stdin.close();
            }
        }

        @Override
        public void close() throws IOException {
            discard = true;
            output.clear();
            closeStdin();
        }
    }
}
