package dev.berth.daemon.container;

import dev.berth.runtime.Attachment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Joins the clients attached to a container with the container's stdio. Clients may attach before
 * the container starts ({@code docker run} does): their stdin is only read once the runtime's
 * attachment is connected, so bytes sent early wait in the socket and nothing is lost. When the
 * process's output ends, every client's stream ends.
 */
public final class AttachHub {
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private volatile Attachment attachment;
    private volatile boolean stdinOnce;
    private volatile InputStream pendingStdin;

    /** One attached client: where its output goes and which streams it wants. */
    public static final class Client {
        private final OutputStream out;
        private final boolean stdout;
        private final boolean stderr;
        private final boolean multiplexed;
        private final CountDownLatch ended = new CountDownLatch(1);

        public Client(OutputStream out, boolean stdout, boolean stderr, boolean multiplexed) {
            this.out = out;
            this.stdout = stdout;
            this.stderr = stderr;
            this.multiplexed = multiplexed;
        }

        void send(Attachment.Chunk chunk) {
            if (chunk.stream() == StreamFrames.STDOUT ? !stdout : !stderr) {
                return;
            }
            try {
                if (multiplexed) {
                    StreamFrames.write(out, chunk.stream(), chunk.data(), 0, chunk.data().length);
                } else {
                    out.write(chunk.data());
                }
                out.flush();
            } catch (IOException gone) {
                end();
            }
        }

        void end() {
            ended.countDown();
        }

        /** Blocks until the container's output ended or this client went away. */
        public void awaitEnd() throws InterruptedException {
            ended.await();
        }
    }

    public void add(Client c) {
        clients.add(c);
    }

    public void remove(Client c) {
        clients.remove(c);
        c.end();
    }

    /** Hands over a client's stdin; it is pumped into the container once connected. */
    public synchronized void stdin(InputStream in) {
        if (attachment != null) {
            pumpStdin(in, attachment);
        } else {
            pendingStdin = in;
        }
    }

    /** Connects the runtime's attachment (after the runtime created the container, before it starts it). */
    public synchronized void connect(Attachment a, boolean closeStdinOnEof) {
        this.attachment = a;
        this.stdinOnce = closeStdinOnEof;
        // a platform thread: reading the SEQPACKET socket blocks inside a native call, which would pin a carrier
        Thread.ofPlatform().daemon().name("attach-out").start(() -> pumpOutput(a));
        if (pendingStdin != null) {
            pumpStdin(pendingStdin, a);
            pendingStdin = null;
        }
    }

    private void pumpOutput(Attachment a) {
        try (a) {
            for (Attachment.Chunk c; (c = a.read()) != null; ) {
                for (Client client : clients) {
                    client.send(c);
                }
            }
        } catch (IOException e) {
            // the process's stdio is gone: its clients' streams end below
        } finally {
            synchronized (this) {
                if (attachment == a) {
                    attachment = null;
                }
            }
            for (Client client : clients) {
                clients.remove(client);
                client.end();
            }
        }
    }

    private void pumpStdin(InputStream in, Attachment a) {
        Thread.ofVirtual().name("attach-in").start(() -> {
            byte[] buf = new byte[32 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (n > 0) {
                        a.writeStdin(buf, 0, n);
                    }
                }
                if (stdinOnce) {
                    a.closeStdin();
                }
            } catch (IOException e) {
                // the client or the process went away; nothing more to forward
            }
        });
    }
}
