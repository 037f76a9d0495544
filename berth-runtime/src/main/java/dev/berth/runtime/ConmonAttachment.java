package dev.berth.runtime;

import dev.berth.linux.SeqPacketSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An {@link Attachment} on conmon's attach socket. conmon prefixes every output message with its
 * pipe number (2 stdout, 3 stderr) and reads stdin from whatever the client sends.
 */
final class ConmonAttachment implements Attachment {
    private static final int CONMON_STDOUT = 2;
    private static final int CONMON_STDERR = 3;
    /** conmon receives into a 32 KiB buffer; a longer SEQPACKET message would be cut. */
    private static final int MAX_STDIN_MESSAGE = 8192;

    private final SeqPacketSocket socket;
    private final byte[] buffer = new byte[SeqPacketSocket.MAX_MESSAGE];

    private ConmonAttachment(SeqPacketSocket socket) {
        this.socket = socket;
    }

    static ConmonAttachment connect(Path attachSocket) throws IOException {
        return new ConmonAttachment(SeqPacketSocket.connect(attachSocket));
    }

    @Override
    public synchronized Chunk read() throws IOException {
        while (true) {
            int n = socket.receive(buffer);
            if (n < 0) {
                return null;
            }
            int stream = switch (n == 0 ? 0 : buffer[0]) {
                case CONMON_STDOUT -> 1;
                case CONMON_STDERR -> 2;
                default -> 0;
            };
            if (stream != 0 && n > 1) {
                return new Chunk(stream, Arrays.copyOfRange(buffer, 1, n));
            }
        }
    }

    @Override
    public void writeStdin(byte[] bytes, int offset, int length) throws IOException {
        for (int done = 0; done < length; ) {
            int part = Math.min(MAX_STDIN_MESSAGE, length - done);
            socket.send(bytes, offset + done, part);
            done += part;
        }
    }

    @Override
    public void closeStdin() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        socket.close();
    }
}
