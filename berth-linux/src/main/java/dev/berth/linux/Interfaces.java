package dev.berth.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Network interfaces of the calling thread's namespace through the classic socket ioctls: bring one up,
 * enslave it to a bridge. These run in berthd's own process, where starting {@code ip} would cost a fork.
 */
public final class Interfaces {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final long SIOCBRADDIF = 0x89a2;
    private static final short IFF_UP = 0x1;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;

    private static final MethodHandle SOCKET = Libc.capturing("socket",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.INT, Libc.INT));
    private static final MethodHandle IOCTL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.LONG, Libc.PTR),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));

    private Interfaces() {
    }

    /** Sets IFF_UP on the interface. */
    public static void up(String name) throws LinuxException {
        int fd = socket();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = ifreq(arena, name);
            ioctl(fd, SIOCGIFFLAGS, req, name);
            short flags = req.get(ValueLayout.JAVA_SHORT, IFNAMSIZ);
            req.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (flags | IFF_UP));
            ioctl(fd, SIOCSIFFLAGS, req, name);
        } finally {
            Libc.close(fd);
        }
    }

    /** Makes {@code port} a port of {@code bridge} ({@code ip link set PORT master BRIDGE}). */
    public static void addToBridge(String bridge, String port) throws LinuxException {
        int index;
        try {
            index = Integer.parseInt(Files.readString(Path.of("/sys/class/net", port, "ifindex")).strip());
        } catch (java.io.IOException | NumberFormatException e) {
            throw new LinuxException(19, "if_nametoindex", port);
        }
        int fd = socket();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = ifreq(arena, bridge);
            req.set(ValueLayout.JAVA_INT, IFNAMSIZ, index);
            ioctl(fd, SIOCBRADDIF, req, bridge);
        } finally {
            Libc.close(fd);
        }
    }

    private static MemorySegment ifreq(Arena arena, String name) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        if (raw.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name too long: " + name);
        }
        MemorySegment req = arena.allocate(IFREQ_SIZE);
        MemorySegment.copy(raw, 0, req, ValueLayout.JAVA_BYTE, 0, raw.length);
        return req;
    }

    private static int socket() throws LinuxException {
        return (int) Libc.check("socket", null, (state, arena) -> (int) SOCKET.invokeExact(state, AF_INET,
                SOCK_DGRAM | SOCK_CLOEXEC, 0));
    }

    private static void ioctl(int fd, long request, MemorySegment req, String name) throws LinuxException {
        Libc.check("ioctl", name, (state, arena) -> (int) IOCTL.invokeExact(state, fd, request, req));
    }
}
