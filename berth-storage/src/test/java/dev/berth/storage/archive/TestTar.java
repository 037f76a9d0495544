package dev.berth.storage.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tars in memory for tests, entry by entry, with commons-compress. */
public final class TestTar {
    /** commons-compress writes PAX times in units of 100 ns, so this is as fine as a test tar can carry. */
    public static final FileTime TIME = FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 123_456_700));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    public TestTar() {
        this(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    public TestTar(int longFileMode) {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(longFileMode);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public TestTar dir(String name) {
        return add(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR), null, e -> e.setMode(0755));
    }

    public TestTar file(String name, String content) {
        return file(name, content, e -> e.setMode(0644));
    }

    public TestTar file(String name, String content, Consumer<TarArchiveEntry> tweak) {
        return add(new TarArchiveEntry(name), content.getBytes(StandardCharsets.UTF_8), tweak);
    }

    public TestTar symlink(String name, String target) {
        return add(new TarArchiveEntry(name, TarConstants.LF_SYMLINK), null, e -> {
            e.setLinkName(target);
            e.setMode(0777);
        });
    }

    public TestTar hardlink(String name, String target) {
        return add(new TarArchiveEntry(name, TarConstants.LF_LINK), null, e -> e.setLinkName(target));
    }

    public TestTar device(String name, byte type, int major, int minor) {
        return add(new TarArchiveEntry(name, type), null, e -> {
            e.setMode(0620);
            e.setDevMajor(major);
            e.setDevMinor(minor);
        });
    }

    public TestTar add(TarArchiveEntry entry, byte[] content, Consumer<TarArchiveEntry> tweak) {
        entry.setUserName("");
        entry.setGroupName("");
        entry.setUserId(0L);
        entry.setGroupId(0L);
        entry.setLastModifiedTime(TIME);
        tweak.accept(entry);
        try {
            if (content != null) {
                entry.setSize(content.length);
            }
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public byte[] bytes() {
        try {
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }
}
