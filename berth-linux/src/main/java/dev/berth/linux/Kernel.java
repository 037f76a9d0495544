package dev.berth.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Facts about the running kernel and this process. */
public final class Kernel {
    private static final int UTS_FIELD = 65;
    private static final MethodHandle UNAME = Libc.capturing("uname", FunctionDescriptor.of(Libc.INT, Libc.PTR));
    private static final MethodHandle GETUID = Libc.plain("getuid", FunctionDescriptor.of(Libc.INT));

    private Kernel() {
    }

    /** What {@code uname(2)} reports; {@code release} is the kernel version Docker shows, e.g. "6.1.0-18-amd64". */
    public record Uname(String sysname, String nodename, String release, String version, String machine) {
    }

    public static Uname uname() throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(UTS_FIELD * 6L);
            Libc.check("uname", null, (state, a) -> (int) UNAME.invokeExact(state, buf));
            return new Uname(field(buf, 0), field(buf, 1), field(buf, 2), field(buf, 3), field(buf, 4));
        }
    }

    public static int getuid() {
        try {
            return (int) GETUID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getuid failed", t);
        }
    }

    private static String field(MemorySegment buf, int index) {
        return buf.getString((long) index * UTS_FIELD);
    }
}
