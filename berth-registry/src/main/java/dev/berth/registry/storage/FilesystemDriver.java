package dev.berth.registry.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Files under a root directory ({@code storage.filesystem.rootdirectory}). Replacing content and moving are
 * renames, which POSIX makes atomic; readers get {@link FileChannel}s, which the server turns into
 * {@code sendfile}; uploads are appended with direct I/O ({@link DirectAppender}).
 */
public final class FilesystemDriver implements StorageDriver {

    private final Path root;
    /** Found once: looking it up reads /proc/mounts. */
    private final int blockSize;

    public FilesystemDriver(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
        this.blockSize = DirectAppender.blockSize(this.root);
    }

    @Override
    public String name() {
        return "filesystem";
    }

    public Path root() {
        return root;
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        try {
            return Files.readAllBytes(resolve(path));
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            rename(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public SeekableByteChannel open(String path) throws IOException {
        try {
            return FileChannel.open(resolve(path), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target.getParent());
        FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (append) {
            ch.position(ch.size());
        } else {
            ch.truncate(0);
        }
        return new ChannelWriter(target, ch, blockSize);
    }

    @Override
    public Optional<FileInfo> stat(String path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(resolveDirectory(path), BasicFileAttributes.class);
            return Optional.of(new FileInfo(path, a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toInstant(),
                    a.isDirectory()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        Path dir = resolveDirectory(path);
        String prefix = path.equals("/") ? "/" : path + "/";
        try (Stream<Path> children = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            children.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .forEach(n -> names.add(prefix + n));
            names.sort(null);
            return names;
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
    }

    @Override
    public void move(String source, String dest) throws IOException {
        Path from = resolve(source);
        Path to = resolve(dest);
        if (!Files.exists(from)) {
            throw new PathNotFoundException(source);
        }
        Files.createDirectories(to.getParent());
        rename(from, to);
    }

    @Override
    public void delete(String path) throws IOException {
        Path target = resolve(path);
        if (!Files.exists(target)) {
            throw new PathNotFoundException(path);
        }
        deleteTree(target);
    }

    private static void deleteTree(Path target) throws IOException {
        try {
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (DirectoryNotEmptyException e) {
                        // a writer raced us and created a file here; it stays, and so does its directory
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // removed concurrently: the outcome is the one asked for
        }
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename atomically " + from + " -> " + to, e);
        }
    }

    private Path resolve(String path) {
        return root.resolve(StoragePath.check(path).substring(1));
    }

    private Path resolveDirectory(String path) {
        return path.equals("/") ? root : resolve(path);
    }

    /** Forces written data to disk on close, so a committed blob survives a crash; a writer that wrote nothing
     * (an upload's empty data file at POST) skips the fsync, which under 16 concurrent uploads cost a journal
     * commit per request for no content. */
    private static final class ChannelWriter extends FileWriter {
        private final Path file;
        private final FileChannel channel;
        private final int blockSize;
        private boolean written;

        ChannelWriter(Path file, FileChannel channel, int blockSize) {
            this.file = file;
            this.channel = channel;
            this.blockSize = blockSize;
        }

        @Override
        public long size() {
            try {
                return channel.position();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            written |= len > 0;
        }

        @Override
        public long transferFrom(ReadableByteChannel source, Consumer<ByteBuffer> tap) throws IOException {
            long n = DirectAppender.append(file, channel, blockSize, source, tap);
            written |= n > 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                try {
                    if (written) {
                        channel.force(false);
                    }
                } finally {
                    channel.close();
                }
            }
        }
    }
}
