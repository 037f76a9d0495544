package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class NetNamespacesTest {
    private static final Path THREAD_NETNS = Path.of("/proc/thread-self/ns/net");

    @TempDir
    Path tmp;
    Path netns;

    @BeforeEach
    void create() throws IOException {
        netns = tmp.resolve("netns");
        NetNamespaces.create(netns);
    }

    @AfterEach
    void delete() throws IOException {
        NetNamespaces.delete(netns);
    }

    @Test
    void create_pins_a_new_namespace_and_leaves_the_caller_where_it_was() throws Exception {
        String host = Files.readSymbolicLink(THREAD_NETNS).toString();
        assertTrue(mounted(netns), "no mount on " + netns);
        String inside = "net:[" + Files.getAttribute(netns, "unix:ino") + "]";
        assertNotEquals(host, inside);
        assertEquals(inside, Command.of("nsenter", "--net=" + netns, "readlink", "/proc/self/ns/net")
                .run().check().stdout().strip());
        assertEquals(host, Files.readSymbolicLink(THREAD_NETNS).toString());
        assertThrows(FileAlreadyExistsException.class, () -> NetNamespaces.create(netns));
    }

    @Test
    void delete_unmounts_removes_the_file_and_tolerates_repeats() throws Exception {
        NetNamespaces.delete(netns);
        assertFalse(mounted(netns));
        assertTrue(Files.notExists(netns));
        NetNamespaces.delete(netns);

        Path plain = Files.createFile(tmp.resolve("plain"));
        NetNamespaces.delete(plain);
        assertTrue(Files.notExists(plain));
    }

    @Test
    void call_in_runs_inside_the_namespace_and_the_caller_stays_out() throws Exception {
        String host = Files.readSymbolicLink(THREAD_NETNS).toString();
        String seen = NetNamespaces.callIn(netns, () -> Files.readSymbolicLink(THREAD_NETNS).toString());
        assertEquals("net:[" + Files.getAttribute(netns, "unix:ino") + "]", seen);
        assertEquals(host, Files.readSymbolicLink(THREAD_NETNS).toString());
    }

    @Test
    void call_in_passes_the_works_exception_through() {
        IOException thrown = assertThrows(IOException.class,
                () -> NetNamespaces.callIn(netns, () -> { throw new IOException("from inside"); }));
        assertEquals("from inside", thrown.getMessage());
        LinuxException notNetns = assertThrows(LinuxException.class, () -> NetNamespaces.callIn(tmp, () -> 1));
        assertEquals("setns", notNetns.syscall());
    }

    @Test
    void a_socket_opened_inside_stays_inside_when_used_from_another_thread() throws Exception {
        Command.of("nsenter", "--net=" + netns, "ip", "link", "set", "lo", "up").run().check();
        InetSocketAddress dnsAddress = new InetSocketAddress("127.0.0.11", 53);
        try (DatagramChannel inside = NetNamespaces.callIn(netns, () -> DatagramChannel.open().bind(dnsAddress))) {
            inside.configureBlocking(false);
            // From the host's namespace the address is someone else's (or no one's): nothing arrives.
            try (DatagramChannel host = DatagramChannel.open()) {
                host.send(ByteBuffer.wrap("from host".getBytes(StandardCharsets.UTF_8)), dnsAddress);
            }
            // From inside the namespace, it is our socket.
            Command.of("nsenter", "--net=" + netns, "python3", "-c",
                    "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'from inside', ('127.0.0.11', 53))")
                    .timeout(Duration.ofSeconds(20)).run().check();
            assertEquals("from inside", receive(inside));
            assertNull(receiveOrNull(inside), "the host's datagram reached the namespace's socket");
        }
    }

    private static String receive(DatagramChannel channel) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            String got = receiveOrNull(channel);
            if (got != null) {
                return got;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing received");
    }

    private static String receiveOrNull(DatagramChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        return channel.receive(buffer) == null ? null
                : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static boolean mounted(Path path) throws IOException {
        // mountinfo's fifth field is the mount point.
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.split(" ")[4].equals(path.toString()));
    }
}
