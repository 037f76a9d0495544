package dev.berth.daemon.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One berthd per data-root: an exclusive lock on {@code <data-root>/berthd.lock}, held for the
 * daemon's life (the kernel drops it when the process dies, so a crash leaves nothing stale).
 * The file holds the owner's pid, so the second daemon can say who has it.
 *
 * <p>The file is never deleted: unlinking a lock file lets a third process lock a new inode while
 * the second still holds the old one.
 */
public final class DataRootLock implements AutoCloseable {
    static final String FILE_NAME = "berthd.lock";

    private final Path dataRoot;
    private final FileChannel channel;
    private final FileLock lock;

    private DataRootLock(Path dataRoot, FileChannel channel, FileLock lock) {
        this.dataRoot = dataRoot;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails at once with a {@link ConfigException} naming the data-root and the holder. */
    public static DataRootLock acquire(Path dataRoot) throws IOException {
        Files.createDirectories(dataRoot);
        Path file = dataRoot.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw inUse(dataRoot, file, ProcessHandle.current().pid() + ", this process");
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holderPid(channel);
            channel.close();
            throw inUse(dataRoot, file, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new DataRootLock(dataRoot, channel, lock);
    }

    private static ConfigException inUse(Path dataRoot, Path file, String holder) {
        return new ConfigException("data-root " + dataRoot + " is in use by another berthd (pid " + holder
                + "): " + file + " is locked; give each daemon its own --data-root");
    }

    private static String holderPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return text.matches("\\d+") ? text : "unknown";
    }

    public Path dataRoot() {
        return dataRoot;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
