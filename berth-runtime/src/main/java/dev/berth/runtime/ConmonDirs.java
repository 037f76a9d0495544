package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Where conmon keeps one container's (or one exec's) files inside the daemon's state directory: the
 * pid files, the exit file, the symlink to the attach socket's directory and the OOM marker.
 *
 * @param root  the state directory given to {@link OciRuntime#create} (for an exec, its own directory)
 * @param cid   conmon's {@code -c}: the container id, which names the exit file (also for an exec)
 * @param cuuid conmon's {@code -u}: the container id, or the exec id; names the socket symlink
 */
record ConmonDirs(Path root, String cid, String cuuid) {
    private static final int SUN_PATH_MAX = 108;

    Path containerPidFile() {
        return root.resolve("pidfile");
    }

    Path conmonPidFile() {
        return root.resolve("conmon.pid");
    }

    Path exitDir() {
        return root.resolve("exits");
    }

    Path exitFile() {
        return exitDir().resolve(cid);
    }

    Path socketDir() {
        return root.resolve("sockets");
    }

    /** conmon's symlink to the directory holding {@code attach}, {@code ctl} and {@code winsz} (the bundle). */
    Path socketLink() {
        Path link = socketDir().resolve(cuuid);
        String text = link.toString();
        // conmon shortens the link by one character when its path would be exactly 107 bytes long.
        return text.length() == SUN_PATH_MAX - 1 ? Path.of(text.substring(0, text.length() - 1)) : link;
    }

    Path persistDir() {
        return root.resolve("persist");
    }

    /** Created (empty) by conmon when the cgroup's OOM killer fired. */
    Path oomFile() {
        return persistDir().resolve("oom");
    }

    Path execDir(String execId) {
        return root.resolve("execs").resolve(execId);
    }

    /** Makes the directories conmon writes into and clears what a previous run of the same id left. */
    void prepare() throws IOException {
        for (Path dir : new Path[] {exitDir(), socketDir(), persistDir()}) {
            Files.createDirectories(dir);
        }
        for (Path stale : new Path[] {exitFile(), oomFile(), persistDir().resolve("exit"), containerPidFile(),
                conmonPidFile(), socketLink()}) {
            Files.deleteIfExists(stale);
        }
    }

    /** The conmon pid recorded by its {@code -P} file, if conmon got that far. */
    OptionalInt conmonPid() throws IOException {
        return readPid(conmonPidFile());
    }

    OptionalInt containerPid() throws IOException {
        return readPid(containerPidFile());
    }

    /** A pid file's pid; empty when there is no file yet. */
    static OptionalInt readPid(Path file) throws IOException {
        if (!Files.exists(file)) {
            return OptionalInt.empty();
        }
        String text = Files.readString(file).strip();
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IOException("pid file " + file + " holds '" + text + "', not a pid", e);
        }
    }
}
