package dev.berth.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for berthd when testing {@link BerthdProcess} itself (berth-daemon depends on this
 * module, not the reverse): it takes berthd's flags, writes its pidfile and answers every request
 * with 200. {@code --fail-with N} makes it print a message and exit N instead.
 */
public final class PingOnlyDaemon {
    private PingOnlyDaemon() {}

    public static void main(String[] args) throws IOException {
        List<String> argv = Arrays.asList(args);
        System.out.println("ping-only daemon args: " + argv);
        if (argv.contains("--fail-with")) {
            System.out.println("refusing to start as asked");
            System.exit(Integer.parseInt(argv.get(argv.indexOf("--fail-with") + 1)));
        }
        Path socket = Path.of(value(argv, "-H").substring("unix://".length()));
        Files.writeString(Path.of(value(argv, "--pidfile")), Long.toString(ProcessHandle.current().pid()));
        Files.createDirectories(Path.of(value(argv, "--data-root")));
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            while (true) {
                try (SocketChannel client = server.accept()) {
                    client.read(ByteBuffer.allocate(4096));
                    client.write(ByteBuffer.wrap(
                            "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII)));
                }
            }
        }
    }

    private static String value(List<String> argv, String flag) {
        return argv.get(argv.indexOf(flag) + 1);
    }
}
