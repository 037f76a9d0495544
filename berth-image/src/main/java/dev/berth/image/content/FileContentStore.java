package dev.berth.image.content;

import dev.berth.linux.AtomicFiles;
import dev.berth.oci.Digest;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** A {@link ContentStore} on a directory: {@code blobs/sha256/<hex>} plus {@code ingest/} for writes in progress. */
public final class FileContentStore implements ContentStore {
    private final Path blobs;
    private final Path ingests;

    public FileContentStore(Path root) throws IOException {
        this.blobs = root.resolve("blobs");
        this.ingests = root.resolve("ingest");
        Files.createDirectories(blobs.resolve("sha256"));
        Files.createDirectories(ingests);
        clearAbandonedIngests();
    }

    /** Ingests left by a crash were never acknowledged: they are dropped at start. */
    private void clearAbandonedIngests() throws IOException {
        try (Stream<Path> s = Files.list(ingests)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public Ingest ingest() throws IOException {
        return new FileIngest(ingests.resolve(UUID.randomUUID().toString()));
    }

    @Override
    public boolean exists(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    @Override
    public Optional<Long> size(Digest digest) {
        try {
            return Optional.of(Files.size(path(digest)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        try {
            return Files.newInputStream(path(digest));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("blob " + digest + " not found");
        }
    }

    @Override
    public Path path(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.encoded());
    }

    @Override
    public void delete(Digest digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    @Override
    public List<Digest> list() throws IOException {
        List<Digest> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(blobs.resolve("sha256"))) {
            s.forEach(p -> out.add(new Digest("sha256", p.getFileName().toString())));
        }
        return out;
    }

    private final class FileIngest implements Ingest {
        private final Path file;
        private final FileChannel channel;
        private final MessageDigest sha = Digest.newSha256();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 18);
        private long written;
        private Digest digest;
        private boolean done;
        private final OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sha.update(b, off, len);
                written += len;
                while (len > 0) {
                    int n = Math.min(len, buffer.remaining());
                    buffer.put(b, off, n);
                    off += n;
                    len -= n;
                    if (!buffer.hasRemaining()) {
                        drain();
                    }
                }
            }
        };

        FileIngest(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public Digest digest() {
            if (digest == null) {
                digest = Digest.fromSha256(sha);
            }
            return digest;
        }

        @Override
        public Digest commit(Optional<Digest> expected) throws IOException {
            Digest actual = digest();
            if (expected.isPresent() && !expected.get().equals(actual)) {
                close();
                throw new DigestMismatchException(expected.get(), actual);
            }
            drain();
            channel.force(false);
            channel.close();
            done = true;
            Path target = path(actual);
            if (Files.exists(target)) {
                Files.delete(file);
            } else {
                AtomicFiles.moveIntoPlace(file, target);
            }
            return actual;
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                channel.close();
                Files.deleteIfExists(file);
            }
        }
    }
}
