package dev.berth.api.client;

import dev.berth.http.wire.HttpInput;
import dev.berth.http.wire.Transport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** One connection to the daemon with its buffers; reused for the next request when the last response allows. */
final class ClientConnection {

    final Transport transport;
    final HttpInput in;
    final OutputStream out;
    boolean reused;

    ClientConnection(Transport transport) {
        this.transport = transport;
        this.in = new HttpInput(transport.in());
        this.out = new BufferedOutputStream(transport.out(), HttpInput.BUFFER_SIZE);
    }

    void close() {
        try {
            transport.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
