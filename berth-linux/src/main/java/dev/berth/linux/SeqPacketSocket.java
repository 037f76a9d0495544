package dev.berth.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A connected unix {@code SOCK_SEQPACKET} socket, the kind conmon's attach socket is and Java's own
 * unix channels (stream only) cannot open. Each {@link #receive} returns one whole message, each
 * {@link #send} writes one.
 *
 * <pre>{@code
 * try (SeqPacketSocket s = SeqPacketSocket.connect(stateDir.resolve("attach"))) {
 *     s.send(input, 0, input.length);
 *     s.shutdownOutput();                 // the peer reads EOF
 *     byte[] buf = new byte[SeqPacketSocket.MAX_MESSAGE];
 *     for (int n; (n = s.receive(buf)) >= 0; ) { ... one message in buf[0..n) ... }
 * }
 * }</pre>
 *
 * <p>The path may be longer than {@code sun_path}'s 108 bytes: the socket file is opened with
 * {@code O_PATH} and connected through {@code /proc/self/fd/N}. Calls block their thread in native
 * code (a virtual thread pins its carrier), so long-lived readers belong on platform threads.
 * {@link #close} may be called from any thread; it wakes a blocked {@link #receive}.
 */
public final class SeqPacketSocket implements AutoCloseable {
    /** Big enough for any message conmon sends (8 KiB of output plus its stream byte). */
    public static final int MAX_MESSAGE = 32 * 1024;

    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final int SHUT_WR = 1;
    private static final int SHUT_RDWR = 2;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_SIZE = 108;
    private static final long SOCKADDR_UN_SIZE = 2 + SUN_PATH_SIZE;

    private static final MethodHandle SOCKET = Libc.capturing("socket",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.INT, Libc.INT));
    private static final MethodHandle CONNECT = Libc.capturing("connect",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.PTR, Libc.INT));
    private static final MethodHandle RECV = Libc.capturing("recv",
            FunctionDescriptor.of(Libc.LONG, Libc.INT, Libc.PTR, Libc.LONG, Libc.INT));
    private static final MethodHandle SEND = Libc.capturing("send",
            FunctionDescriptor.of(Libc.LONG, Libc.INT, Libc.PTR, Libc.LONG, Libc.INT));
    private static final MethodHandle SHUTDOWN = Libc.capturing("shutdown",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.INT));

    private final int fd;
    private final Path path;
    private int callsInFlight;
    private boolean closed;

    private SeqPacketSocket(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** Connects to the listening socket at {@code path}; fails with ENOENT or ECONNREFUSED when nobody listens. */
    public static SeqPacketSocket connect(Path path) throws LinuxException {
        int sock = (int) Libc.check("socket", path, (state, arena) ->
                (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
        try {
            int pathFd = Libc.open(path, O_PATH | O_CLOEXEC);
            try {
                String shortName = "/proc/self/fd/" + pathFd;
                Libc.check("connect", path, (state, arena) ->
                        (int) CONNECT.invokeExact(state, sock, sockaddr(arena, shortName), (int) SOCKADDR_UN_SIZE));
            } finally {
                Libc.closeQuietly(pathFd);
            }
        } catch (LinuxException e) {
            Libc.closeQuietly(sock);
            throw e;
        }
        return new SeqPacketSocket(sock, path);
    }

    /** Receives one message into {@code buffer}; returns its length, or -1 once the peer has shut down. */
    public int receive(byte[] buffer) throws LinuxException {
        enter();
        try {
            long n = retryingInterrupts("recv", (state, arena) -> {
                MemorySegment segment = arena.allocate(buffer.length);
                long got = (long) RECV.invokeExact(state, fd, segment, (long) buffer.length, 0);
                if (got > 0) {
                    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) got);
                }
                return got;
            });
            return n == 0 ? -1 : (int) n;
        } finally {
            leave();
        }
    }

    /** Sends {@code length} bytes as one message. */
    public void send(byte[] bytes, int offset, int length) throws LinuxException {
        enter();
        try {
            retryingInterrupts("send", (state, arena) -> {
                MemorySegment segment = arena.allocate(Math.max(1, length));
                MemorySegment.copy(bytes, offset, segment, ValueLayout.JAVA_BYTE, 0, length);
                return (long) SEND.invokeExact(state, fd, segment, (long) length, MSG_NOSIGNAL);
            });
        } finally {
            leave();
        }
    }

    /** Half-closes: the peer reads end-of-file, while this side can still receive. */
    public void shutdownOutput() throws LinuxException {
        enter();
        try {
            Libc.check("shutdown", path, (state, arena) -> (int) SHUTDOWN.invokeExact(state, fd, SHUT_WR));
        } finally {
            leave();
        }
    }

    /**
     * Shuts the socket down, which wakes any thread blocked in {@link #receive}, and releases the
     * descriptor once no call is using it, so a reused descriptor number is never read by mistake.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            shutdownQuietly();
            if (callsInFlight > 0) {
                return;
            }
        }
        Libc.closeQuietly(fd);
    }

    private synchronized void enter() throws LinuxException {
        if (closed) {
            throw new LinuxException(Errno.EBADF, "use of closed socket", path.toString());
        }
        callsInFlight++;
    }

    private void leave() {
        boolean last;
        synchronized (this) {
            callsInFlight--;
            last = closed && callsInFlight == 0;
        }
        if (last) {
            Libc.closeQuietly(fd);
        }
    }

    private long retryingInterrupts(String syscall, Libc.Call call) throws LinuxException {
        while (true) {
            try {
                return Libc.check(syscall, path, call);
            } catch (LinuxException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    private void shutdownQuietly() {
        try {
            Libc.check("shutdown", path, (state, arena) -> (int) SHUTDOWN.invokeExact(state, fd, SHUT_RDWR));
        } catch (LinuxException e) {
            // Already shut down or never fully connected: closing is all that is left to do.
        }
    }

    private static MemorySegment sockaddr(Arena arena, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SUN_PATH_SIZE) {
            throw new IllegalArgumentException("unix socket name too long: " + name);
        }
        MemorySegment addr = arena.allocate(SOCKADDR_UN_SIZE);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(bytes, 0, addr, ValueLayout.JAVA_BYTE, 2, bytes.length);
        return addr;
    }
}
