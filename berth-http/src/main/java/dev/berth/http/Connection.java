package dev.berth.http;

import dev.berth.http.wire.BadMessageException;
import dev.berth.http.wire.HttpInput;
import dev.berth.http.wire.MessageBody;
import dev.berth.http.wire.RequestHead;
import dev.berth.http.wire.StreamChannels;
import dev.berth.http.wire.Transport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One accepted connection: reads a request, runs the handler on this (virtual) thread, finishes the response,
 * drains what the handler left of the body, and loops while keep-alive allows. A hijack ends the loop without
 * closing the socket, which then belongs to the handler's {@link RawStream}.
 */
final class Connection implements Runnable {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private enum Next { KEEP_ALIVE, CLOSE, HIJACKED }

    private final HttpServer server;
    private final Transport transport;
    private final HttpInput in;
    private final OutputStream out;
    private volatile boolean idle = true;

    Connection(HttpServer server, Transport transport) {
        this.server = server;
        this.transport = transport;
        this.in = new HttpInput(transport.in());
        this.out = new BufferedOutputStream(transport.out(), HttpInput.BUFFER_SIZE);
    }

    @Override
    public void run() {
        Next next = Next.CLOSE;
        try {
            do {
                RequestHead head = readHead();
                if (head == null) {
                    return;
                }
                next = serve(head);
            } while (next == Next.KEEP_ALIVE);
        } catch (BadMessageException e) {
            reject(e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection ended: {0}", e.toString());
        } finally {
            if (next != Next.HIJACKED) {
                abort();
            }
        }
    }

    /** The next request head, or null when the peer closed, the server is draining, or the idle timer fired. */
    private RequestHead readHead() throws IOException {
        idle = true;
        if (server.draining()) {
            return null;
        }
        ScheduledFuture<?> timer = server.timers().schedule(this::abort,
                server.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            RequestHead head = RequestHead.read(in);
            idle = false;
            return head;
        } catch (BadMessageException e) {
            throw e;
        } catch (IOException e) {
            return null;
        } finally {
            timer.cancel(false);
        }
    }

    private Next serve(RequestHead head) throws IOException {
        InputStream body = MessageBody.forRequest(head.headers(), in);
        boolean expectContinue = head.headers().hasToken("Expect", "100-continue");
        ContinueGate gate = new ContinueGate(body, expectContinue);
        HttpRequest request = new HttpRequest(head, gate);
        boolean keepAlive = head.keepAlive() && !server.draining();
        HttpResponse response = new HttpResponse(transport, in, body, out, head.method().equals("HEAD"),
                server.commonHeaders(), keepAlive);
        gate.response = response;
        response.onHijackClose(() -> server.forget(this));
        if (!handle(request, response)) {
            return Next.CLOSE;
        }
        if (response.isHijacked()) {
            return Next.HIJACKED;
        }
        response.finish();
        if (!response.keepsAlive() || (expectContinue && !gate.continued)) {
            return Next.CLOSE;
        }
        body.transferTo(OutputStream.nullOutputStream());
        return Next.KEEP_ALIVE;
    }

    /** Runs the handler; false when the connection must close because the response broke off midway. */
    private boolean handle(HttpRequest request, HttpResponse response) {
        try {
            server.handler().handle(request, response);
            return true;
        } catch (Throwable error) {
            if (response.isHijacked()) {
                return true;
            }
            if (response.isCommitted()) {
                LOG.log(System.Logger.Level.DEBUG, "handler failed after committing: {0}", error.toString());
                return false;
            }
            try {
                server.errorRenderer().render(error, request, response);
                return true;
            } catch (Throwable renderError) {
                LOG.log(System.Logger.Level.WARNING, "error renderer failed", renderError);
                return false;
            }
        }
    }

    private void reject(BadMessageException e) {
        try {
            HttpResponse response = new HttpResponse(transport, in, InputStream.nullInputStream(), out, false,
                    server.commonHeaders(), false);
            response.text(e.status(), e.getMessage() + "\n");
        } catch (IOException ignored) {
            // the peer that sent garbage is gone as well; nothing to tell it
        }
    }

    void closeIfIdle() {
        if (idle) {
            abort();
        }
    }

    void abort() {
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        } finally {
            server.forget(this);
        }
    }

    /** Sends {@code 100 Continue} when the handler first reads a body the client is holding back. */
    private final class ContinueGate extends InputStream implements ReadableByteChannel {
        private final InputStream body;
        private final boolean expectContinue;
        private HttpResponse response;
        private boolean continued;

        ContinueGate(InputStream body, boolean expectContinue) {
            this.body = body;
            this.expectContinue = expectContinue;
        }

        private void open() throws IOException {
            if (expectContinue && !continued && !response.isCommitted()) {
                out.write(CONTINUE);
                out.flush();
            }
            continued = true;
        }

        @Override
        public int read() throws IOException {
            open();
            return body.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            open();
            return body.read(b, off, len);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            open();
            return StreamChannels.read(body, dst);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public int available() throws IOException {
            return body.available();
        }

        @Override
        public void close() {
        }
    }
}
