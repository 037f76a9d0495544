package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Talks to a real SEQPACKET listener (a few lines of python3) that echoes each message and says "eof" on EOF. */
@Tag("integration")
class SeqPacketSocketTest {
    private static final String ECHO_SERVER = """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            os.chdir(os.path.dirname(sys.argv[1]))
            s.bind(os.path.basename(sys.argv[1])); s.listen(1)
            print("ready", flush=True)
            c, _ = s.accept()
            try:
                while True:
                    m = c.recv(65536)
                    if not m:
                        c.send(b"eof"); break
                    c.send(b">" + m)
            except OSError:
                pass
            c.close()
            """;

    @TempDir
    Path tmp;
    private Process server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void keeps_message_boundaries_and_passes_eof_when_output_shuts_down() throws Exception {
        Path sock = startServer(tmp);
        try (SeqPacketSocket s = SeqPacketSocket.connect(sock)) {
            s.send(bytes("one"), 0, 3);
            s.send(bytes("xtwox"), 1, 3);
            byte[] buf = new byte[SeqPacketSocket.MAX_MESSAGE];
            assertEquals(">one", text(buf, s.receive(buf)));
            assertEquals(">two", text(buf, s.receive(buf)));
            s.shutdownOutput();
            assertEquals("eof", text(buf, s.receive(buf)));
            assertEquals(-1, s.receive(buf));
        }
    }

    @Test
    void connects_through_a_path_longer_than_sun_path() throws Exception {
        Path deep = tmp.resolve("d".repeat(100)).resolve("e".repeat(60));
        Files.createDirectories(deep);
        Path sock = startServer(deep);
        assertTrue(sock.toString().length() > 108);
        try (SeqPacketSocket s = SeqPacketSocket.connect(sock)) {
            byte[] big = new byte[20_000];
            Arrays.fill(big, (byte) 'z');
            s.send(big, 0, big.length);
            byte[] buf = new byte[SeqPacketSocket.MAX_MESSAGE];
            assertEquals(big.length + 1, s.receive(buf));
        }
    }

    @Test
    void close_wakes_a_blocked_receive() throws Exception {
        Path sock = startServer(tmp);
        SeqPacketSocket s = SeqPacketSocket.connect(sock);
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                s.receive(new byte[16]);
            } catch (LinuxException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        s.close();
        reader.join(5000);
        assertTrue(!reader.isAlive(), "receive still blocked after close");
        assertThrows(LinuxException.class, () -> s.send(bytes("x"), 0, 1));
    }

    @Test
    void fails_with_enoent_when_nothing_listens() {
        LinuxException e = assertThrows(LinuxException.class, () -> SeqPacketSocket.connect(tmp.resolve("none")));
        assertEquals(Errno.ENOENT, e.errno());
    }

    private Path startServer(Path dir) throws Exception {
        Path sock = dir.resolve("attach");
        server = new ProcessBuilder("python3", "-c", ECHO_SERVER, sock.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] line = new byte[6];
        assertEquals(6, server.getInputStream().readNBytes(line, 0, 6));
        assertArrayEquals(bytes("ready\n"), line);
        return sock;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] buf, int n) {
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
