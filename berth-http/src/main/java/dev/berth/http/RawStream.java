package dev.berth.http;

import dev.berth.http.wire.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection taken over from HTTP: Docker's attach and exec streams.
 *
 * <p>After {@code res.upgrade(...)} the handler copies {@link #in()} to the process's stdin (EOF there means the
 * client half-closed: close stdin, keep going) while it copies the process's output to {@link #out()}; when the
 * process ends it calls {@link #closeWrite()} or just {@link #close()}. The client side uses the same type after
 * a 101. Reading and writing may happen on two threads at once.
 */
public final class RawStream implements Closeable {

    private final Transport transport;
    private final InputStream in;
    private final OutputStream out;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param in the connection's input, which may already hold bytes the peer sent right after its request
     * @param onClose run once when the stream is closed
     */
    public RawStream(Transport transport, InputStream in, Runnable onClose) {
        this.transport = Objects.requireNonNull(transport);
        this.in = new In(in);
        this.out = new Out(transport.out());
        this.onClose = Objects.requireNonNull(onClose);
    }

    /** Bytes from the peer; EOF when it half-closes. Closing this stream does not affect writing. */
    public InputStream in() {
        return in;
    }

    /** Bytes to the peer, unbuffered. Closing this stream half-closes, like {@link #closeWrite()}. */
    public OutputStream out() {
        return out;
    }

    /** Sends FIN: the peer reads EOF, and bytes from it still arrive on {@link #in()}. */
    public void closeWrite() throws IOException {
        transport.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                transport.close();
            } finally {
                onClose.run();
            }
        }
    }

    private static final class In extends InputStream {
        private final InputStream in;

        In(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() {
        }
    }

    private final class Out extends OutputStream {
        private final OutputStream out;

        Out(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            closeWrite();
        }
    }
}
