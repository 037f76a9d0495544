package dev.berth.http.wire;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * One connected byte pipe, whatever carries it: a unix or TCP {@link SocketChannel}, or a TLS {@link Socket}.
 *
 * <p>A server accepts one, reads a request from {@link #in()}, writes the response to {@link #out()}; after a
 * hijack the handler keeps both, ends its output with {@link #shutdownOutput()} (the peer sees EOF while its
 * own writes still arrive) and finally {@link #close()}s. {@link #channel()} is present for plain sockets so
 * that files can go out with {@code FileChannel.transferTo} without passing through the heap.
 */
public interface Transport extends Closeable {

    InputStream in();

    OutputStream out();

    /** Half-close: sends FIN (or TLS close_notify); reading goes on. */
    void shutdownOutput() throws IOException;

    /** The plain channel, when bytes may be written to it directly (not for TLS). */
    Optional<SocketChannel> channel();

    /** Closes both directions; unblocks a thread blocked reading. Idempotent. */
    @Override
    void close() throws IOException;

    static Transport of(SocketChannel channel) {
        return new ChannelTransport(channel);
    }

    static Transport of(Socket socket) throws IOException {
        return new SocketTransport(socket);
    }
}
