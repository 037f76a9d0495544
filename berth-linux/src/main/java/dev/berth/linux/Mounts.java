package dev.berth.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** mount(2) and umount2(2). */
public final class Mounts {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;

    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;

    private static final MethodHandle MOUNT = Libc.capturing("mount",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR, Libc.PTR, Libc.LONG, Libc.PTR));
    private static final MethodHandle UMOUNT2 = Libc.capturing("umount2",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT));

    private Mounts() {
    }

    /**
     * Mounts {@code source} on {@code target}. {@code source}, {@code fstype} and {@code data} may be null
     * (a bind or remount needs no type; most mounts need no data).
     */
    public static void mount(String source, Path target, String fstype, long flags, String data) throws LinuxException {
        Libc.check("mount", target, (state, arena) -> (int) MOUNT.invokeExact(state,
                Libc.cString(arena, source), Libc.cString(arena, target.toString()),
                Libc.cString(arena, fstype), flags, Libc.cString(arena, data)));
    }

    /** Bind-mounts {@code source} on {@code target}, read-only when asked (which takes a second remount call). */
    public static void bind(Path source, Path target, boolean readOnly) throws LinuxException {
        mount(source.toString(), target, null, MS_BIND, null);
        if (readOnly) {
            mount(null, target, null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
        }
    }

    public static void umount2(Path target, int flags) throws LinuxException {
        Libc.check("umount2", target, (state, arena) -> (int) UMOUNT2.invokeExact(state,
                Libc.cString(arena, target.toString()), flags));
    }
}
