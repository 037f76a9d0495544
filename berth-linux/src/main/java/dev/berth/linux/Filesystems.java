package dev.berth.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** What kind of file system holds a path, asked of the kernel; storage drivers decide by it. */
@SuppressWarnings("restricted") // readdir hands back a raw dirent pointer to read d_type from
public final class Filesystems {
    public static final long OVERLAYFS_MAGIC = 0x794c7630L;
    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long EXT4_MAGIC = 0xef53L;
    public static final long XFS_MAGIC = 0x58465342L;

    private static final long STATFS_SIZE = 120;
    private static final int DT_UNKNOWN = 0;
    private static final long DIRENT_TYPE_OFFSET = 18;

    private static final MethodHandle STATFS = Libc.capturing("statfs", FunctionDescriptor.of(Libc.INT, Libc.PTR, Libc.PTR));
    private static final MethodHandle OPENDIR = Libc.capturing("opendir", FunctionDescriptor.of(Libc.PTR, Libc.PTR));
    private static final MethodHandle READDIR = Libc.capturing("readdir", FunctionDescriptor.of(Libc.PTR, Libc.PTR));
    private static final MethodHandle CLOSEDIR = Libc.plain("closedir", FunctionDescriptor.of(Libc.INT, Libc.PTR));

    private Filesystems() {
    }

    /** The {@code f_type} magic number of the file system holding {@code path}. */
    public static long statfsType(Path path) throws LinuxException {
        long[] type = new long[1];
        Libc.check("statfs", path, (state, arena) -> {
            MemorySegment buf = arena.allocate(STATFS_SIZE, 8);
            int rc = (int) STATFS.invokeExact(state, Libc.cString(arena, path.toString()), buf);
            type[0] = buf.get(ValueLayout.JAVA_LONG, 0);
            return rc;
        });
        return type[0] & 0xffffffffL;
    }

    /**
     * Whether directory listings in {@code dir} carry entry types (d_type). Overlayfs needs it of its upper
     * layer; XFS made with ftype=0 lacks it. {@code dir} must hold at least one entry besides . and ..
     */
    public static boolean reportsEntryTypes(Path dir) throws LinuxException {
        MemorySegment handle = MemorySegment.ofAddress(Libc.check("opendir", dir, (state, arena) -> {
            MemorySegment opened = (MemorySegment) OPENDIR.invokeExact(state, Libc.cString(arena, dir.toString()));
            return opened.address() == 0 ? -1 : opened.address();
        }));
        try {
            return allEntriesTyped(dir, handle);
        } finally {
            closedir(handle);
        }
    }

    private static boolean allEntriesTyped(Path dir, MemorySegment handle) throws LinuxException {
        while (true) {
            // NULL marks the end of the listing; readdir on an open handle has no other failure we act on.
            long entry = Libc.check("readdir", dir, (state, arena) -> ((MemorySegment) READDIR.invokeExact(state, handle)).address());
            if (entry == 0) {
                return true;
            }
            byte type = MemorySegment.ofAddress(entry).reinterpret(DIRENT_TYPE_OFFSET + 1).get(ValueLayout.JAVA_BYTE, DIRENT_TYPE_OFFSET);
            if (type == DT_UNKNOWN) {
                return false;
            }
        }
    }

    private static void closedir(MemorySegment handle) {
        try {
            int ignored = (int) CLOSEDIR.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException("closedir failed", t);
        }
    }
}
