package dev.berth.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one way state files are written: readers see the old content or the new one, whole, and
 * after {@code write} returns the new content survives a crash or power loss.
 *
 * <p>The content goes to a temp file ({@code .NAME.*.tmp}) in the same directory, which is
 * fsynced, renamed over the target (atomic within one filesystem), and then the directory is
 * fsynced so the rename itself is durable. Leftover temp files end in {@link #TEMP_SUFFIX}.
 */
public final class AtomicFiles {
    public static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target} (mode 0600), creating missing parent directories. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, OWNER_ONLY);
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", TEMP_SUFFIX,
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // set after creation: the umask would otherwise strip bits from the requested mode
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** Renames a finished, already synced file over {@code target} and syncs the directory. */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(finished);
            throw e;
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Deletes a file and makes the deletion durable. */
    public static void delete(Path target) throws IOException {
        Files.deleteIfExists(target);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
