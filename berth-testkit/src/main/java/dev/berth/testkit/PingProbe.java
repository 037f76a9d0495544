package dev.berth.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Asks a daemon on a unix socket whether it is up: {@code GET /_ping} and a 200 status line.
 * Plain {@code java.nio}, so the fixtures do not depend on the HTTP code they help to test.
 */
final class PingProbe {
    private static final byte[] REQUEST =
            "GET /_ping HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private PingProbe() {}

    /** True when the socket accepts a connection and answers with a 2xx status within the timeout. */
    static boolean answers(Path socket, Duration timeout) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(REQUEST));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            String line = readStatusLine(ch, selector, System.nanoTime() + timeout.toNanos());
            return line.matches("HTTP/1\\.[01] 2\\d\\d.*");
        } catch (IOException e) {
            return false;
        }
    }

    private static String readStatusLine(SocketChannel ch, Selector selector, long deadline) throws IOException {
        StringBuilder got = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(256);
        while (got.indexOf("\r\n") < 0) {
            long waitMs = (deadline - System.nanoTime()) / 1_000_000;
            if (waitMs <= 0 || selector.select(waitMs) == 0 && System.nanoTime() >= deadline) {
                return "";
            }
            selector.selectedKeys().clear();
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            got.append(new String(buf.array(), 0, n, StandardCharsets.ISO_8859_1));
        }
        int end = got.indexOf("\r\n");
        return end < 0 ? got.toString() : got.substring(0, end);
    }
}
