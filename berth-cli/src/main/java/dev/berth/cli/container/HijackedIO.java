package dev.berth.cli.container;

import dev.berth.api.client.StdCopy;
import dev.berth.http.RawStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Copies a hijacked attach or exec stream both ways: the daemon's output to our stdout and stderr
 * (demultiplexed unless the container has a TTY), our stdin to the daemon, then a half-close at its
 * EOF. With a TTY the detach keys are watched for and swallowed, as docker's escape proxy does.
 *
 * <p>Use: {@code HijackedIO io = HijackedIO.start(stream, tty, stdinOrNull, keys, out, err);} …
 * {@code Outcome end = io.await();} — DETACHED means the user typed the keys and the container runs on.
 */
public final class HijackedIO {
    public enum Outcome { ENDED, DETACHED }

    private final CompletableFuture<Outcome> done = new CompletableFuture<>();

    private HijackedIO() {
    }

    public static HijackedIO start(RawStream stream, boolean tty, InputStream stdin, DetachKeys keys, PrintStream out, PrintStream err)
            throws IOException {
        HijackedIO io = new HijackedIO();
        if (stdin == null) {
            stream.closeWrite();
        } else {
            Thread.ofPlatform().daemon().name("berth-stdin").start(() -> io.pumpIn(stream, stdin, tty ? keys : null));
        }
        Thread.ofPlatform().daemon().name("berth-stdout").start(() -> io.pumpOut(stream, tty, out, err));
        return io;
    }

    /** Blocks until the daemon ends the stream or the user detaches. */
    public Outcome await() throws IOException {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void pumpOut(RawStream stream, boolean tty, PrintStream out, PrintStream err) {
        try {
            if (tty) {
                copyRaw(stream.in(), out);
            } else {
                StdCopy.demux(stream.in(), out, err);
            }
            out.flush();
            err.flush();
            done.complete(Outcome.ENDED);
        } catch (IOException e) {
            done.completeExceptionally(e);
        }
    }

    private static void copyRaw(InputStream in, PrintStream out) throws IOException {
        byte[] buf = new byte[32 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    private void pumpIn(RawStream stream, InputStream stdin, DetachKeys keys) {
        OutputStream to = stream.out();
        byte[] buf = new byte[32 * 1024];
        int matched = 0;
        try {
            for (int n = stdin.read(buf); n >= 0 && !done.isDone(); n = stdin.read(buf)) {
                if (keys == null) {
                    to.write(buf, 0, n);
                    to.flush();
                    continue;
                }
                // Keys of a partial match are held back and sent later if the sequence breaks off.
                for (int i = 0; i < n; i++) {
                    byte[] seq = keys.sequence();
                    if (buf[i] == seq[matched]) {
                        matched++;
                        if (matched == seq.length) {
                            stream.closeWrite();
                            done.complete(Outcome.DETACHED);
                            return;
                        }
                        continue;
                    }
                    to.write(seq, 0, matched);
                    matched = 0;
                    to.write(buf[i]);
                }
                to.flush();
            }
            stream.closeWrite();
        } catch (IOException e) {
            // The daemon closed the stream; the output side reports how it ended.
        }
    }
}
