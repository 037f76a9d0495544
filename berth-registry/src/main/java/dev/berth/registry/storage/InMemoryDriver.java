package dev.berth.registry.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Files in a sorted map, for tests and throwaway registries ({@code storage: inmemory}). Directories exist as long
 * as a file lies below them. Content arrays are never changed after they are published, so readers need no lock.
 */
public final class InMemoryDriver implements StorageDriver {

    private record Entry(byte[] content, Instant modTime) {
    }

    private final ConcurrentSkipListMap<String, Entry> files = new ConcurrentSkipListMap<>();

    @Override
    public String name() {
        return "inmemory";
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return entry(path).content().clone();
    }

    @Override
    public void putContent(String path, byte[] content) {
        files.put(StoragePath.check(path), new Entry(content.clone(), Instant.now()));
    }

    @Override
    public SeekableByteChannel open(String path) throws IOException {
        return new ReadChannel(entry(path).content());
    }

    @Override
    public FileWriter writer(String path, boolean append) {
        StoragePath.check(path);
        Entry existing = files.get(path);
        byte[] start = append && existing != null ? existing.content() : new byte[0];
        return new BufferWriter(path, start);
    }

    @Override
    public Optional<FileInfo> stat(String path) {
        StoragePath.checkDirectory(path);
        Entry e = files.get(path);
        if (e != null) {
            return Optional.of(new FileInfo(path, e.content().length, e.modTime(), false));
        }
        NavigableMap<String, Entry> below = below(path);
        if (below.isEmpty()) {
            return Optional.empty();
        }
        Instant newest = below.values().stream().map(Entry::modTime).max(Instant::compareTo).orElseThrow();
        return Optional.of(new FileInfo(path, 0, newest, true));
    }

    @Override
    public List<String> list(String path) throws IOException {
        StoragePath.checkDirectory(path);
        String prefix = path.equals("/") ? "/" : path + "/";
        NavigableMap<String, Entry> below = below(path);
        if (below.isEmpty()) {
            throw new PathNotFoundException(path);
        }
        TreeSet<String> children = new TreeSet<>();
        for (String file : below.keySet()) {
            int slash = file.indexOf('/', prefix.length());
            children.add(slash < 0 ? file : file.substring(0, slash));
        }
        return new ArrayList<>(children);
    }

    @Override
    public synchronized void move(String source, String dest) throws IOException {
        StoragePath.check(dest);
        Entry e = files.remove(StoragePath.check(source));
        if (e == null) {
            throw new PathNotFoundException(source);
        }
        files.put(dest, e);
    }

    @Override
    public synchronized void delete(String path) throws IOException {
        StoragePath.check(path);
        boolean found = files.remove(path) != null;
        NavigableMap<String, Entry> below = below(path);
        found |= !below.isEmpty();
        below.clear();
        if (!found) {
            throw new PathNotFoundException(path);
        }
    }

    private Entry entry(String path) throws PathNotFoundException {
        Entry e = files.get(StoragePath.check(path));
        if (e == null) {
            throw new PathNotFoundException(path);
        }
        return e;
    }

    private NavigableMap<String, Entry> below(String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        // '0' is the character after '/', so this bounds exactly the keys that start with prefix.
        return files.subMap(prefix, true, prefix.substring(0, prefix.length() - 1) + "0", false);
    }

    private final class BufferWriter extends FileWriter {
        private final String path;
        private byte[] buf;
        private int size;
        private boolean closed;

        BufferWriter(String path, byte[] start) {
            this.path = path;
            this.buf = Arrays.copyOf(start, Math.max(start.length, 1024));
            this.size = start.length;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("writer closed");
            }
            if (size + (long) len > Integer.MAX_VALUE - 16) {
                throw new IOException("in-memory file too large: " + path);
            }
            if (size + len > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16,
                        Math.max(buf.length * 2L, size + (long) len)));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                files.put(path, new Entry(Arrays.copyOf(buf, size), Instant.now()));
            }
        }
    }

    private static final class ReadChannel implements SeekableByteChannel {
        private final byte[] content;
        private long position;
        private boolean open = true;

        ReadChannel(byte[] content) {
            this.content = content;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= content.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), content.length - position);
            dst.put(content, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return content.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
