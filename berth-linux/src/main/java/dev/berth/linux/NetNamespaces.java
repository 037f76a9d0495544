package dev.berth.linux;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Persistent network namespaces kept alive by a bind mount on a file, as {@code ip netns add} makes them,
 * and running code inside one.
 *
 * <pre>{@code
 * Path netns = Path.of("/run/berth/netns/" + sandboxId);
 * NetNamespaces.create(netns);                        // a new, empty namespace: only lo, and it is down
 * DatagramChannel dns = NetNamespaces.callIn(netns, () ->
 *         DatagramChannel.open().bind(new InetSocketAddress("127.0.0.11", 53)));
 * // dns is a socket of that namespace, whatever thread uses it from now on.
 * ...
 * NetNamespaces.delete(netns);                        // the namespace dies with its last user
 * }</pre>
 *
 * <p>A network namespace belongs to a thread, not to the process: each call here does its namespace work
 * on a platform thread of its own, which enters the namespace, and leaves it again before it ends, so no
 * other thread ever changes namespace.
 */
public final class NetNamespaces {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;
    /** The calling thread's own network namespace (not the process's main thread's, as /proc/self would be). */
    private static final Path THREAD_NETNS = Path.of("/proc/thread-self/ns/net");

    private static final MethodHandle UNSHARE = Libc.capturing("unshare", FunctionDescriptor.of(Libc.INT, Libc.INT));
    private static final MethodHandle SETNS = Libc.capturing("setns",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.INT));

    private NetNamespaces() {
    }

    /**
     * Creates a new network namespace and pins it by bind-mounting it on {@code file}, which must not exist
     * yet (its directory must). The namespace holds only a loopback interface, down.
     */
    public static void create(Path file) throws IOException {
        Files.createFile(file);
        try {
            onOwnThread("netns-create", () -> {
                int home = open(THREAD_NETNS);
                try {
                    unshare(CLONE_NEWNET);
                    try {
                        Mounts.bind(THREAD_NETNS, file, false);
                    } finally {
                        setns(home, THREAD_NETNS);
                    }
                } finally {
                    Libc.close(home);
                }
                return null;
            });
        } catch (IOException | RuntimeException | Error e) {
            try {
                delete(file);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Unpins the namespace at {@code file} (a lazy unmount: it ends once no process, socket or other mount
     * still uses it) and removes the file. A file that is not there, or not mounted, is fine.
     */
    public static void delete(Path file) throws IOException {
        try {
            Mounts.umount2(file, Mounts.MNT_DETACH);
        } catch (LinuxException e) {
            if (e.errno() != Errno.EINVAL && e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
        Files.deleteIfExists(file);
    }

    /**
     * Runs {@code work} inside the network namespace pinned at {@code nsFile} (or any {@code /proc/PID/ns/net})
     * and returns its result: sockets it opens belong to that namespace for good, whichever thread uses them
     * later. It runs on a new platform thread that enters the namespace and leaves it before it ends; the
     * calling thread never moves.
     *
     * <p>{@code work} must not start threads, virtual ones included, nor hand tasks to executors that may:
     * a thread is born in the namespace of the thread that creates it, and a virtual-thread carrier created
     * there would run the rest of the daemon inside the container's network. Opening and binding sockets,
     * and starting a {@link Command} meant to run in the namespace, are fine.
     *
     * @throws IOException what {@code work} threw, as is when it is an IOException (or unchecked), wrapped
     *                     otherwise; or why the namespace could not be entered
     */
    public static <T> T callIn(Path nsFile, Callable<T> work) throws IOException {
        return onOwnThread("netns-call", () -> {
            int home = open(THREAD_NETNS);
            try {
                int target = open(nsFile);
                try {
                    setns(target, nsFile);
                } finally {
                    Libc.close(target);
                }
                try {
                    return work.call();
                } finally {
                    setns(home, THREAD_NETNS);
                }
            } finally {
                Libc.close(home);
            }
        });
    }

    private static <T> T onOwnThread(String name, Callable<T> task) throws IOException {
        FutureTask<T> future = new FutureTask<>(task);
        Thread.ofPlatform().name(name).daemon(true).start(future);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + name);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(name + " failed: " + cause, cause);
        }
    }

    private static int open(Path path) throws LinuxException {
        return Libc.open(path, O_RDONLY | O_CLOEXEC);
    }

    private static void unshare(int flags) throws LinuxException {
        Libc.check("unshare", null, (state, arena) -> (int) UNSHARE.invokeExact(state, flags));
    }

    private static void setns(int fd, Path path) throws LinuxException {
        Libc.check("setns", path, (state, arena) -> (int) SETNS.invokeExact(state, fd, CLONE_NEWNET));
    }
}
