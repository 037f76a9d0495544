package dev.berth.testkit;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar whose bytes depend only on what was added: entries are written sorted by path, owned by
 * root, with one fixed mtime, so the same tree always has the same digest.
 *
 * <p>Typical use: {@code new DeterministicTar().directory("etc", 0755).file("etc/passwd", 0644,
 * bytes).symlink("bin/sh", "busybox").writeTo(out)}. Parent directories must be added explicitly;
 * sorting puts {@code etc/} before {@code etc/passwd} because a prefix sorts first.
 */
public final class DeterministicTar {
    /** Fixed so that rebuilding a fixture gives the same layer digest. */
    public static final Instant MTIME = Instant.parse("2024-01-01T00:00:00Z");

    private final Map<String, Entry> entries = new TreeMap<>();

    private sealed interface Entry {}

    private record Directory(int mode) implements Entry {}

    private record RegularFile(int mode, long size, Supplier<InputStream> content) implements Entry {}

    private record Symlink(String target) implements Entry {}

    public DeterministicTar directory(String path, int mode) {
        return add(path + "/", new Directory(mode));
    }

    public DeterministicTar file(String path, int mode, byte[] content) {
        return add(path, new RegularFile(mode, content.length, () -> new ByteArrayInputStream(content)));
    }

    /** Adds a file whose bytes are streamed at write time, so large content never sits in memory. */
    public DeterministicTar file(String path, int mode, long size, Supplier<InputStream> content) {
        return add(path, new RegularFile(mode, size, content));
    }

    public DeterministicTar symlink(String path, String target) {
        return add(path, new Symlink(target));
    }

    public void writeTo(Path out) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            writeTo(os);
        }
    }

    public void writeTo(OutputStream os) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(os);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            write(tar, e.getKey(), e.getValue());
        }
        tar.finish();
        os.flush();
    }

    private DeterministicTar add(String path, Entry entry) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("//") || path.contains("../")) {
            throw new IllegalArgumentException("tar paths are relative and clean: " + path);
        }
        if (entries.putIfAbsent(path, entry) != null) {
            throw new IllegalArgumentException("duplicate tar entry: " + path);
        }
        return this;
    }

    private static void write(TarArchiveOutputStream tar, String path, Entry entry) throws IOException {
        TarArchiveEntry te = switch (entry) {
            case Directory d -> withMode(new TarArchiveEntry(path), d.mode());
            case RegularFile f -> {
                TarArchiveEntry t = withMode(new TarArchiveEntry(path), f.mode());
                t.setSize(f.size());
                yield t;
            }
            case Symlink s -> {
                TarArchiveEntry t = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
                t.setLinkName(s.target());
                t.setMode(0120777);
                yield t;
            }
        };
        te.setModTime(MTIME.toEpochMilli());
        te.setIds(0, 0);
        te.setUserName("root");
        te.setGroupName("root");
        tar.putArchiveEntry(te);
        if (entry instanceof RegularFile f) {
            copyExactly(f, tar, path);
        }
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry withMode(TarArchiveEntry te, int permissions) {
        te.setMode((te.isDirectory() ? 040000 : 0100000) | permissions);
        return te;
    }

    private static void copyExactly(RegularFile f, OutputStream out, String path) throws IOException {
        try (InputStream in = f.content().get()) {
            long copied = in.transferTo(out);
            if (copied != f.size()) {
                throw new IOException(path + ": declared " + f.size() + " bytes but content had " + copied);
            }
        }
    }
}
