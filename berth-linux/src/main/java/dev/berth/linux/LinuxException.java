package dev.berth.linux;

import java.io.IOException;
import java.util.Optional;

/** A failed syscall: which call, on which path, and the kernel's errno with its {@code strerror} text. */
public final class LinuxException extends IOException {
    private final int errno;
    private final String syscall;
    private final String path;

    LinuxException(int errno, String syscall, String path) {
        super(syscall + (path == null ? "" : "(" + path + ")") + ": " + Libc.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
        this.syscall = syscall;
        this.path = path;
    }

    public int errno() {
        return errno;
    }

    public String syscall() {
        return syscall;
    }

    public Optional<String> path() {
        return Optional.ofNullable(path);
    }
}
