package dev.berth.linux;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.OptionalInt;

/**
 * A child process whose stdout and stderr are two pipes that one thread waits on together with
 * {@code poll(2)}, beside a pidfd that says when the child has exited. One reader sees the two
 * streams in the order they become readable, which two threads over {@link Process}'s streams cannot
 * keep; and no process sits in between, as {@link ProcessBuilder}'s spawn helper does.
 *
 * <pre>{@code
 * try (PipedChild child = PipedChild.spawn(List.of("/usr/sbin/runc", "exec", ...), false)) {
 *     byte[] buf = new byte[PipedChild.BUFFER];
 *     while (child.isOpen(PipedChild.STDOUT) || child.isOpen(PipedChild.STDERR)) {
 *         int ready = child.await(-1);
 *         if ((ready & PipedChild.STDOUT) != 0) { int n = child.read(PipedChild.STDOUT, buf); ... }
 *         if ((ready & PipedChild.STDERR) != 0) { int n = child.read(PipedChild.STDERR, buf); ... }
 *     }
 *     int status = child.waitFor();
 * }
 * }</pre>
 *
 * <p>{@link #await} and {@link #read} block in native code: call them from a platform thread. The child is
 * started with all signals unblocked and at their defaults, and with no descriptor of this process
 * beyond its three pipes.
 */
@SuppressWarnings("restricted")
public final class PipedChild implements AutoCloseable {
    /** {@link #await} bits, and the stream numbers {@link #read} takes (Docker's numbering). */
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int EXITED = 4;
    /** A pipe's capacity: one read never returns more. */
    public static final int BUFFER = 64 * 1024;

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;
    private static final int WNOHANG = 1;
    private static final short POLLIN = 1;
    private static final short POLLERR = 8;
    private static final short POLLHUP = 0x10;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final long FILE_ACTIONS_SIZE = 256; // glibc's posix_spawn_file_actions_t is 80 bytes
    private static final long SPAWNATTR_SIZE = 1024;   // glibc's posix_spawnattr_t is 336 bytes
    private static final long SIGSET_SIZE = 128;

    private static final MethodHandle PIPE2 = Libc.capturing("pipe2", FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT));
    private static final MethodHandle PIDFD_OPEN = Libc.capturing("pidfd_open",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.INT));
    private static final MethodHandle POLL = Libc.capturing("poll", FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.LONG, Libc.INT));
    private static final MethodHandle READ = Libc.capturing("read", FunctionDescriptor.of(Libc.LONG, Libc.INT, Libc.PTR, Libc.LONG));
    private static final MethodHandle SPAWN = Libc.plain("posix_spawn",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR, Libc.PTR, Libc.PTR, Libc.PTR, Libc.PTR));
    private static final MethodHandle ACTIONS_INIT = Libc.plain("posix_spawn_file_actions_init",
            FunctionDescriptor.of(Libc.INT, Libc.PTR));
    private static final MethodHandle ACTIONS_DESTROY = Libc.plain("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(Libc.INT, Libc.PTR));
    private static final MethodHandle ADD_DUP2 = Libc.plain("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT, Libc.INT));
    private static final MethodHandle ADD_OPEN = Libc.plain("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT, Libc.PTR, Libc.INT, Libc.INT));
    private static final MethodHandle ADD_CLOSEFROM = Libc.plain("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT));
    private static final MethodHandle ATTR_INIT = Libc.plain("posix_spawnattr_init", FunctionDescriptor.of(Libc.INT, Libc.PTR));
    private static final MethodHandle ATTR_DESTROY = Libc.plain("posix_spawnattr_destroy",
            FunctionDescriptor.of(Libc.INT, Libc.PTR));
    private static final MethodHandle ATTR_FLAGS = Libc.plain("posix_spawnattr_setflags",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, ValueLayout.JAVA_SHORT));
    private static final MethodHandle ATTR_SIGMASK = Libc.plain("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR));
    private static final MethodHandle ATTR_SIGDEFAULT = Libc.plain("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR));
    private static final MethodHandle SIGEMPTYSET = Libc.plain("sigemptyset", FunctionDescriptor.of(Libc.INT, Libc.PTR));
    private static final MethodHandle SIGFILLSET = Libc.plain("sigfillset", FunctionDescriptor.of(Libc.INT, Libc.PTR));

    /** This process's environment, which a JVM cannot change, as {@code KEY=value} for every child. */
    private static final List<String> ENVIRONMENT = System.getenv().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).toList();

    private final int pid;
    private final String name;
    private int watched; // whose exit await() reports: the spawned process, or an orphan it left (follow)
    private final int[] pipes = new int[3]; // by stream: [0] stdin (write end), [1] stdout, [2] stderr; -1 once closed
    private int pidfd;
    private OptionalInt exitStatus = OptionalInt.empty();

    private PipedChild(int pid, String name, int stdin, int stdout, int stderr, int pidfd) {
        this.pid = pid;
        this.watched = pid;
        this.name = name;
        this.pipes[0] = stdin;
        this.pipes[1] = stdout;
        this.pipes[2] = stderr;
        this.pidfd = pidfd;
    }

    /**
     * Starts {@code argv} (its first element an absolute path) with this process's environment, stdout and
     * stderr on pipes, and stdin on a pipe when {@code pipeStdin}, else on {@code /dev/null}.
     */
    public static PipedChild spawn(List<String> argv, boolean pipeStdin) throws LinuxException {
        String name = argv.getFirst();
        int[] out = {-1, -1};
        int[] err = {-1, -1};
        int[] in = {-1, -1};
        boolean handedOver = false;
        try {
            out = pipe(name);
            err = pipe(name);
            if (pipeStdin) {
                in = pipe(name);
            }
            int pid = start(argv, in[0], out[1], err[1]);
            PipedChild child = new PipedChild(pid, name, in[1], out[0], err[0], childPidfd(pid, name));
            handedOver = true;
            return child;
        } finally {
            // the child's ends: it has its copies now, or never will
            Libc.closeQuietly(out[1]);
            Libc.closeQuietly(err[1]);
            Libc.closeQuietly(in[0]);
            if (!handedOver) {
                Libc.closeQuietly(out[0]);
                Libc.closeQuietly(err[0]);
                Libc.closeQuietly(in[1]);
            }
        }
    }

    public int pid() {
        return pid;
    }

    /**
     * The child's stdin as a stream (a descriptor of its own on the same pipe, so writes on a virtual thread
     * block as file I/O, not in a native call); closing it is the child's end of input. Call at most once.
     */
    public OutputStream stdin() throws IOException {
        int fd;
        synchronized (this) {
            fd = pipes[0];
            pipes[0] = -1;
        }
        if (fd < 0) {
            throw new IOException(name + " has no stdin pipe, or it was taken");
        }
        try {
            return new FileOutputStream("/proc/self/fd/" + fd);
        } finally {
            Libc.closeQuietly(fd);
        }
    }

    /** Whether {@code stream} (stdout or stderr) has not reached end-of-file. */
    public synchronized boolean isOpen(int stream) {
        return pipes[stream] >= 0;
    }

    /**
     * Waits up to {@code timeoutMillis} (-1: no limit, 0: just look) until a pipe still open is readable
     * or at its end, or the watched process exits; returns {@link #STDOUT}, {@link #STDERR} and {@link #EXITED} bits.
     * Once the exit was seen it is no longer waited for.
     */
    public int await(int timeoutMillis) throws LinuxException {
        int stdout;
        int stderr;
        int exit;
        synchronized (this) {
            stdout = pipes[1];
            stderr = pipes[2];
            exit = exitStatus.isPresent() ? -1 : pidfd;
        }
        int[] fds = {stdout, stderr, exit};
        short[] revents = new short[3];
        while (true) {
            try {
                Libc.check("poll", name, (state, arena) -> {
                    MemorySegment set = arena.allocate(8L * fds.length, 8);
                    for (int i = 0; i < fds.length; i++) {
                        set.set(ValueLayout.JAVA_INT, 8L * i, fds[i]);
                        set.set(ValueLayout.JAVA_SHORT, 8L * i + 4, POLLIN);
                    }
                    int n = (int) POLL.invokeExact(state, set, (long) fds.length, timeoutMillis);
                    for (int i = 0; i < fds.length; i++) {
                        revents[i] = set.get(ValueLayout.JAVA_SHORT, 8L * i + 6);
                    }
                    return n;
                });
                break;
            } catch (LinuxException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
        int ready = 0;
        short readable = (short) (POLLIN | POLLHUP | POLLERR);
        if ((revents[0] & readable) != 0) {
            ready |= STDOUT;
        }
        if ((revents[1] & readable) != 0) {
            ready |= STDERR;
        }
        if ((revents[2] & readable) != 0) {
            ready |= EXITED;
        }
        return ready;
    }

    /** One read of at most {@code buffer.length} bytes from {@code stream}; -1 at its end, which closes it. */
    public int read(int stream, byte[] buffer) throws LinuxException {
        int fd;
        synchronized (this) {
            fd = pipes[stream];
        }
        if (fd < 0) {
            return -1;
        }
        while (true) {
            try {
                long n = Libc.check("read", name, (state, arena) -> {
                    MemorySegment segment = arena.allocate(buffer.length);
                    long got = (long) READ.invokeExact(state, fd, segment, (long) buffer.length);
                    if (got > 0) {
                        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) got);
                    }
                    return got;
                });
                if (n == 0) {
                    closePipe(stream);
                    return -1;
                }
                return (int) n;
            } catch (LinuxException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    /**
     * The watched process's exit status once it has exited (reaping it): its code, or 128 + the signal that
     * ended it, as a shell reports it; empty while it runs.
     */
    public synchronized OptionalInt exitStatus() throws LinuxException {
        if (exitStatus.isEmpty()) {
            int[] status = new int[1];
            int reaped = Libc.waitpid(watched, status, WNOHANG);
            if (reaped == watched) {
                int signal = status[0] & 0x7f;
                exitStatus = OptionalInt.of(signal == 0 ? (status[0] >> 8) & 0xff : 128 + signal);
            }
        }
        return exitStatus;
    }

    /**
     * From now on {@link #await} and {@link #exitStatus} are about {@code orphan} instead of the spawned
     * process, which has exited: a process it started and left behind, which is this process's child now
     * because this process is a subreaper ({@link ChildReaper}). It may have exited already (a zombie).
     */
    public synchronized void follow(int orphan) throws LinuxException {
        if (exitStatus.isEmpty()) {
            throw new IllegalStateException(name + " (pid " + pid + ") is still running");
        }
        int fd = pidfd(orphan, name);
        Libc.closeQuietly(pidfd);
        pidfd = fd;
        watched = orphan;
        exitStatus = OptionalInt.empty();
    }

    /** Releases the pipes and the pidfd; a child still running goes on (and is reaped by nobody here). */
    @Override
    public synchronized void close() {
        for (int i = 0; i < pipes.length; i++) {
            Libc.closeQuietly(pipes[i]);
            pipes[i] = -1;
        }
        Libc.closeQuietly(pidfd);
        pidfd = -1;
    }

    private synchronized void closePipe(int stream) {
        Libc.closeQuietly(pipes[stream]);
        pipes[stream] = -1;
    }

    private static int start(List<String> argv, int stdin, int stdout, int stderr) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(SPAWNATTR_SIZE, 16);
            MemorySegment empty = arena.allocate(SIGSET_SIZE, 16);
            MemorySegment all = arena.allocate(SIGSET_SIZE, 16);
            MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
            spawnCall("posix_spawn_file_actions_init", (int) ACTIONS_INIT.invokeExact(actions));
            try {
                if (stdin >= 0) {
                    spawnCall("posix_spawn_file_actions_adddup2", (int) ADD_DUP2.invokeExact(actions, stdin, 0));
                } else {
                    spawnCall("posix_spawn_file_actions_addopen", (int) ADD_OPEN.invokeExact(actions, 0,
                            arena.allocateFrom("/dev/null"), O_RDONLY, 0));
                }
                spawnCall("posix_spawn_file_actions_adddup2", (int) ADD_DUP2.invokeExact(actions, stdout, 1));
                spawnCall("posix_spawn_file_actions_adddup2", (int) ADD_DUP2.invokeExact(actions, stderr, 2));
                spawnCall("posix_spawn_file_actions_addclosefrom_np", (int) ADD_CLOSEFROM.invokeExact(actions, 3));
                spawnCall("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
                try {
                    spawnCall("sigemptyset", (int) SIGEMPTYSET.invokeExact(empty));
                    spawnCall("sigfillset", (int) SIGFILLSET.invokeExact(all));
                    spawnCall("posix_spawnattr_setsigmask", (int) ATTR_SIGMASK.invokeExact(attr, empty));
                    spawnCall("posix_spawnattr_setsigdefault", (int) ATTR_SIGDEFAULT.invokeExact(attr, all));
                    spawnCall("posix_spawnattr_setflags", (int) ATTR_FLAGS.invokeExact(attr,
                            (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
                    int error = (int) SPAWN.invokeExact(pid, arena.allocateFrom(argv.getFirst()), actions, attr,
                            strings(arena, argv), strings(arena, ENVIRONMENT));
                    if (error != 0) {
                        throw new LinuxException(error, "posix_spawn", argv.getFirst());
                    }
                    return pid.get(ValueLayout.JAVA_INT, 0);
                } finally {
                    int ignored = (int) ATTR_DESTROY.invokeExact(attr);
                }
            } finally {
                int ignored = (int) ACTIONS_DESTROY.invokeExact(actions);
            }
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** posix_spawn's helpers return an error number rather than setting errno. */
    private static void spawnCall(String call, int error) throws LinuxException {
        if (error != 0) {
            throw new LinuxException(error, call, null);
        }
    }

    private static int[] pipe(String name) throws LinuxException {
        int[] fds = new int[2];
        Libc.check("pipe2", name, (state, arena) -> {
            MemorySegment pair = arena.allocate(ValueLayout.JAVA_INT, 2);
            int r = (int) PIPE2.invokeExact(state, pair, O_CLOEXEC);
            fds[0] = pair.getAtIndex(ValueLayout.JAVA_INT, 0);
            fds[1] = pair.getAtIndex(ValueLayout.JAVA_INT, 1);
            return r;
        });
        return fds;
    }

    private static int pidfd(int pid, String name) throws LinuxException {
        return (int) Libc.check("pidfd_open", name, (state, arena) -> (int) PIDFD_OPEN.invokeExact(state, pid, 0));
    }

    /** The new child's pidfd; a child whose pidfd cannot be had is waited for here, so it leaves no zombie. */
    private static int childPidfd(int pid, String name) throws LinuxException {
        try {
            return pidfd(pid, name);
        } catch (LinuxException e) {
            try {
                Libc.waitpid(pid, new int[1], 0);
            } catch (LinuxException reapFailed) {
                e.addSuppressed(reapFailed);
            }
            throw e;
        }
    }
}
