package dev.berth.network;

import dev.berth.linux.Interfaces;
import dev.berth.linux.LinuxException;
import dev.berth.linux.Mounts;
import dev.berth.linux.NetNamespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sandboxes are network namespaces kept alive by a bind mount at {@code <exec-root>/netns/<id>}, made
 * before the container so the runtime joins it, {@code --net container:NAME} shares it, and outside tools
 * enter it with {@code nsenter --net=FILE} or through {@code /proc/PID/ns/net}. They survive a berthd crash.
 */
public final class Sandboxes {
    private final Path dir;

    public Sandboxes(Path dir) {
        this.dir = dir;
    }

    public Path path(String id) {
        return dir.resolve(id.length() > 12 ? id.substring(0, 12) : id);
    }

    /** A new namespace with {@code lo} up. */
    public Path create(String id) throws IOException {
        Path file = clear(id);
        try {
            NetNamespaces.create(file);
            loopbackUp(file);
        } catch (IOException e) {
            delete(id);
            throw new IOException("could not create the network sandbox: " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * Makes the network namespace of a process (a container the runtime created in a namespace of its own)
     * the sandbox, with {@code lo} up.
     */
    public Path adopt(String id, int pid) throws IOException {
        Path file = clear(id);
        Files.createFile(file);
        try {
            Mounts.bind(Path.of("/proc", Integer.toString(pid), "ns", "net"), file, false);
            loopbackUp(file);
        } catch (IOException e) {
            delete(id);
            throw new IOException("could not adopt the network namespace of pid " + pid + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The sandbox's path, with whatever an earlier run left there removed. */
    private Path clear(String id) throws IOException {
        Files.createDirectories(dir);
        Path file = path(id);
        if (Files.exists(file)) {
            delete(id);
        }
        return file;
    }

    private static void loopbackUp(Path file) throws IOException {
        NetNamespaces.callIn(file, () -> {
            Interfaces.up("lo");
            return null;
        });
    }

    public boolean exists(String id) {
        return Files.exists(path(id));
    }

    /** Unmounts and removes the namespace file; the namespace goes when its last process does. */
    public void delete(String id) throws IOException {
        Path file = path(id);
        try {
            Mounts.umount2(file, Mounts.MNT_DETACH);
        } catch (LinuxException notMounted) {
            // a file left by a crash between create and mount
        }
        Files.deleteIfExists(file);
    }

    /** The ids of every sandbox on disk, for cleaning up after a crash. */
    public List<String> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }
}
