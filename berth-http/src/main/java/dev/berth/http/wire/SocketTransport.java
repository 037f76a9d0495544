package dev.berth.http.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/** A {@link Socket} (in practice an {@code SSLSocket}) as a transport. */
final class SocketTransport implements Transport {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SocketTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (!socket.isClosed() && !socket.isOutputShutdown()) {
            socket.shutdownOutput();
        }
    }

    @Override
    public Optional<SocketChannel> channel() {
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
