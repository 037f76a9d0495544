package dev.berth.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Binds libc functions once and runs calls so that errno is read right after the call, before the JVM
 * can run anything else on the thread that might overwrite it.
 */
@SuppressWarnings("restricted") // binding libc is this class's purpose; callers enable native access
final class Libc {
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(PTR, INT));
    private static final MethodHandle OPEN = LINKER.downcallHandle(symbol("open"), FunctionDescriptor.of(INT, PTR, INT, INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = capturing("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle WAITPID = capturing("waitpid", FunctionDescriptor.of(INT, INT, PTR, INT));

    private Libc() {
    }

    /** A call that receives the errno capture segment as its first argument. */
    @FunctionalInterface
    interface Call {
        long invoke(MemorySegment errnoState, Arena arena) throws Throwable;
    }

    static MethodHandle capturing(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    /** Runs {@code call}; a result of -1 becomes a {@link LinuxException} with the captured errno. */
    static long check(String syscall, Object path, Call call) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            long result = invoke(call, state, arena);
            if (result == -1) {
                throw new LinuxException((int) ERRNO.get(state, 0L), syscall, path == null ? null : path.toString());
            }
            return result;
        }
    }

    /** {@code open(2)} without creating: {@code flags} such as {@code O_RDONLY | O_CLOEXEC}. */
    static int open(java.nio.file.Path path, int flags) throws LinuxException {
        return (int) check("open", path, (state, arena) ->
                (int) OPEN.invokeExact(state, cString(arena, path.toString()), flags, 0));
    }

    static void close(int fd) throws LinuxException {
        check("close", null, (state, arena) -> (int) CLOSE.invokeExact(state, fd));
    }

    /** Closes a descriptor being given up (none when negative); a failure leaves nothing useful to do. */
    static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            close(fd);
        } catch (LinuxException e) {
            // the descriptor is gone either way
        }
    }

    /** {@code waitpid(2)}: the pid reaped (0 with WNOHANG while it runs); its raw status goes to {@code status[0]}. */
    static int waitpid(int pid, int[] status, int options) throws LinuxException {
        return (int) check("waitpid", null, (state, arena) -> {
            MemorySegment word = arena.allocate(INT);
            int r = (int) WAITPID.invokeExact(state, pid, word, options);
            status[0] = word.get(INT, 0);
            return r;
        });
    }

    static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static long invoke(Call call, MemorySegment state, Arena arena) {
        try {
            return call.invoke(state, arena);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }
}
