package dev.berth.http.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * A blocking {@link SocketChannel} as a transport. The streams call the channel directly rather than through
 * {@code Channels.newInputStream}, whose wrappers hold the channel's blocking lock while reading and would
 * stall a writer on another thread (a hijacked stream reads stdin and writes output at the same time).
 */
final class ChannelTransport implements Transport {

    private final SocketChannel channel;
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    ChannelTransport(SocketChannel channel) {
        this.channel = Objects.requireNonNull(channel);
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
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    @Override
    public Optional<SocketChannel> channel() {
        return Optional.of(channel);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Also a channel, so that reads into a direct buffer skip the JDK's copy through a temporary one. */
    private final class In extends InputStream implements ReadableByteChannel {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!dst.hasRemaining()) {
                return 0;
            }
            int n;
            do {
                n = channel.read(dst);
            } while (n == 0);
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        /** Leaves the socket open: the transport owns it. */
        @Override
        public void close() {
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
