package dev.berth.daemon.config;

import dev.berth.linux.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * berthd's pid file ({@code --pidfile}). {@link #create} refuses to start when the file names a
 * live berthd, as dockerd does; a stale file, or one naming a process that is not a berthd (the pid
 * was reused after a crash), is overwritten. {@link #close} removes the file if it is still ours.
 */
public final class PidFile implements AutoCloseable {
    private final Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Writes this process's pid to {@code path}, atomically. */
    public static PidFile create(Path path) throws IOException {
        long self = ProcessHandle.current().pid();
        OptionalLong existing = readPid(path);
        if (existing.isPresent() && existing.getAsLong() != self && isLiveBerthd(existing.getAsLong())) {
            throw new ConfigException("pid file found, ensure berthd is not running or delete " + path);
        }
        AtomicFiles.write(path, (self + "\n").getBytes(StandardCharsets.US_ASCII),
                PosixFilePermissions.fromString("rw-r--r--"));
        return new PidFile(path, self);
    }

    /** The pid a pid file names, if it names one. */
    static OptionalLong readPid(Path path) throws IOException {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether {@code pid} is a running berthd. A command line we cannot read counts as berthd, so an
     * unknown process is never overwritten by mistake.
     */
    static boolean isLiveBerthd(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
                return new String(cmdline, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("berthd");
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    public Path path() {
        return path;
    }

    public long pid() {
        return pid;
    }

    @Override
    public void close() throws IOException {
        OptionalLong current = readPid(path);
        if (current.isPresent() && current.getAsLong() == pid) {
            Files.deleteIfExists(path);
        }
    }
}
