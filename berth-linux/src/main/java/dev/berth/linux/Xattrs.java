package dev.berth.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extended attributes of a path itself (the {@code l*xattr} calls never follow a final symlink), values
 * as raw bytes because {@code security.capability} and friends are binary.
 */
public final class Xattrs {
    private static final MethodHandle LSETXATTR = Libc.capturing("lsetxattr",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR, Libc.PTR, Libc.LONG, Libc.INT));
    private static final MethodHandle LGETXATTR = Libc.capturing("lgetxattr",
            FunctionDescriptor.of(Libc.LONG, Libc.PTR, Libc.PTR, Libc.PTR, Libc.LONG));
    private static final MethodHandle LLISTXATTR = Libc.capturing("llistxattr",
            FunctionDescriptor.of(Libc.LONG, Libc.PTR, Libc.PTR, Libc.LONG));
    private static final MethodHandle LREMOVEXATTR = Libc.capturing("lremovexattr",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR));

    private Xattrs() {
    }

    public static void lsetxattr(Path path, String name, byte[] value) throws LinuxException {
        Libc.check("lsetxattr", path, (state, arena) -> {
            MemorySegment bytes = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, bytes, ValueLayout.JAVA_BYTE, 0, value.length);
            return (int) LSETXATTR.invokeExact(state, Libc.cString(arena, path.toString()),
                    Libc.cString(arena, name), bytes, (long) value.length, 0);
        });
    }

    /** The attribute's value, or empty when {@code path} has no attribute of that name. */
    public static Optional<byte[]> lgetxattr(Path path, String name) throws LinuxException {
        try {
            return Optional.of(readSized("lgetxattr", path, size -> (state, arena, buffer) ->
                    (long) LGETXATTR.invokeExact(state, Libc.cString(arena, path.toString()),
                            Libc.cString(arena, name), buffer, size)));
        } catch (LinuxException e) {
            if (e.errno() == Errno.ENODATA) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Names of all attributes this process may see on {@code path}. */
    public static List<String> llistxattr(Path path) throws LinuxException {
        byte[] raw = readSized("llistxattr", path, size -> (state, arena, buffer) ->
                (long) LLISTXATTR.invokeExact(state, Libc.cString(arena, path.toString()), buffer, size));
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                if (i > start) {
                    names.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    public static void lremovexattr(Path path, String name) throws LinuxException {
        Libc.check("lremovexattr", path, (state, arena) -> (int) LREMOVEXATTR.invokeExact(state,
                Libc.cString(arena, path.toString()), Libc.cString(arena, name)));
    }

    @FunctionalInterface
    private interface SizedCall {
        long invoke(MemorySegment state, java.lang.foreign.Arena arena, MemorySegment buffer) throws Throwable;
    }

    /** Asks for the size, then reads; retries when the value grew in between (ERANGE). */
    private static byte[] readSized(String syscall, Path path, java.util.function.LongFunction<SizedCall> call)
            throws LinuxException {
        while (true) {
            long size = Libc.check(syscall, path, (state, arena) -> call.apply(0L).invoke(state, arena, MemorySegment.NULL));
            byte[][] out = new byte[1][];
            try {
                Libc.check(syscall, path, (state, arena) -> {
                    MemorySegment buffer = arena.allocate(Math.max(1, size));
                    long read = call.apply(size).invoke(state, arena, buffer);
                    if (read >= 0) {
                        out[0] = buffer.asSlice(0, read).toArray(ValueLayout.JAVA_BYTE);
                    }
                    return read;
                });
                return out[0];
            } catch (LinuxException e) {
                if (e.errno() != Errno.ERANGE) {
                    throw e;
                }
            }
        }
    }
}
