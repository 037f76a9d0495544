package dev.berth.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Creating and stamping file-system nodes the way a layer tar describes them: device nodes and FIFOs,
 * numeric owners, full mode bits (setuid, setgid, sticky) and nanosecond times — none of which
 * {@code java.nio.file} can set without following symlinks or dropping bits.
 */
public final class Nodes {
    public static final int S_IFMT = 0170000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private static final MethodHandle MKNOD = Libc.capturing("mknod",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT, Libc.LONG));
    private static final MethodHandle LCHOWN = Libc.capturing("lchown",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT, Libc.INT));
    private static final MethodHandle CHMOD = Libc.capturing("chmod",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.INT));
    private static final MethodHandle SYMLINK = Libc.capturing("symlink",
            FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR));
    private static final MethodHandle UTIMENSAT = Libc.capturing("utimensat",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.PTR, Libc.PTR, Libc.INT));

    private Nodes() {
    }

    /**
     * Creates a node; {@code mode} holds the type ({@link #S_IFCHR}, {@link #S_IFBLK}, {@link #S_IFIFO})
     * and the permission bits, which the process umask still narrows.
     */
    public static void mknod(Path path, int mode, int major, int minor) throws LinuxException {
        long dev = new DeviceNumber(major, minor).rdev();
        Libc.check("mknod", path, (state, arena) -> (int) MKNOD.invokeExact(state,
                Libc.cString(arena, path.toString()), mode, dev));
    }

    /** Changes the numeric owner of {@code path} itself, not of a symlink's target. Clears setuid/setgid. */
    public static void lchown(Path path, int uid, int gid) throws LinuxException {
        Libc.check("lchown", path, (state, arena) -> (int) LCHOWN.invokeExact(state,
                Libc.cString(arena, path.toString()), uid, gid));
    }

    /** Sets all twelve permission bits; call it after {@link #lchown}, which clears setuid and setgid. */
    public static void chmod(Path path, int mode) throws LinuxException {
        Libc.check("chmod", path, (state, arena) -> (int) CHMOD.invokeExact(state,
                Libc.cString(arena, path.toString()), mode & 07777));
    }

    /** Creates a symlink holding exactly {@code target}'s text, which {@code Path} would normalise. */
    public static void symlink(String target, Path link) throws LinuxException {
        Libc.check("symlink", link, (state, arena) -> (int) SYMLINK.invokeExact(state,
                Libc.cString(arena, target), Libc.cString(arena, link.toString())));
    }

    /** Sets access and modification times with nanoseconds on {@code path} itself (AT_SYMLINK_NOFOLLOW). */
    public static void utimensat(Path path, FileTime atime, FileTime mtime) throws LinuxException {
        Libc.check("utimensat", path, (state, arena) -> (int) UTIMENSAT.invokeExact(state, AT_FDCWD,
                Libc.cString(arena, path.toString()), timespecs(arena, atime, mtime), AT_SYMLINK_NOFOLLOW));
    }

    private static MemorySegment timespecs(Arena arena, FileTime atime, FileTime mtime) {
        MemorySegment times = arena.allocate(Libc.LONG, 4);
        var a = atime.toInstant();
        var m = mtime.toInstant();
        times.setAtIndex(Libc.LONG, 0, a.getEpochSecond());
        times.setAtIndex(Libc.LONG, 1, a.getNano());
        times.setAtIndex(Libc.LONG, 2, m.getEpochSecond());
        times.setAtIndex(Libc.LONG, 3, m.getNano());
        return times;
    }
}
