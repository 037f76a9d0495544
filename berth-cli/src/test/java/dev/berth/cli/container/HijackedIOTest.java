package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.http.RawStream;
import dev.berth.http.wire.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client side of a hijacked stream over a real unix socket pair, the daemon side played by the test. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HijackedIOTest {
    @TempDir
    Path dir;

    private record Pair(RawStream client, SocketChannel daemon) {
    }

    private Pair connect() throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
        SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
        SocketChannel daemon = server.accept();
        server.close();
        return new Pair(new RawStream(Transport.of(client), Channels.newInputStream(client), () -> { }), daemon);
    }

    @Test
    void demultiplexes_output_and_half_closes_when_stdin_ends() throws Exception {
        Pair pair = connect();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HijackedIO io = HijackedIO.start(pair.client(), false, new ByteArrayInputStream("in\n".getBytes(StandardCharsets.UTF_8)),
                DetachKeys.DEFAULT, new PrintStream(out), new PrintStream(err));
        InputStream fromClient = Channels.newInputStream(pair.daemon());
        assertEquals("in\n", new String(fromClient.readAllBytes(), StandardCharsets.UTF_8));
        pair.daemon().write(java.nio.ByteBuffer.wrap("\u0001\0\0\0\0\0\0\u0004out\n\u0002\0\0\0\0\0\0\u0004err\n".getBytes(StandardCharsets.ISO_8859_1)));
        pair.daemon().close();
        assertEquals(HijackedIO.Outcome.ENDED, io.await());
        assertEquals("out\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
        pair.client().close();
    }

    @Test
    void swallows_the_detach_keys_and_reports_detached_when_tty() throws Exception {
        Pair pair = connect();
        byte[] typed = {'l', 's', 0x10, 'x', 0x10, 0x11, 'n', 'o'};
        HijackedIO io = HijackedIO.start(pair.client(), true, new ByteArrayInputStream(typed), DetachKeys.DEFAULT,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(HijackedIO.Outcome.DETACHED, io.await());
        byte[] received = Channels.newInputStream(pair.daemon()).readAllBytes();
        assertEquals("ls\u0010x", new String(received, StandardCharsets.ISO_8859_1));
        pair.daemon().close();
        pair.client().close();
    }
}
