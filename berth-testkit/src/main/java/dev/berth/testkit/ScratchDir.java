package dev.berth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A temp directory that a daemon under test owns: its socket, data-root, exec-root, pidfile and log
 * live here. It sits directly under {@code /tmp} because a unix socket path must fit in 108 bytes.
 * It is 0711, as {@code /var/lib} and {@code /run} are: a daemon with {@code --userns-remap} needs its
 * remapped root to pass through on the way to root file systems and bind-mounted files.
 * Deleting it first unmounts whatever the daemon left mounted inside (overlays, bind mounts).
 */
final class ScratchDir {
    private final Path dir;

    private ScratchDir(Path dir) {
        this.dir = dir;
    }

    static ScratchDir create(String prefix) throws IOException {
        return new ScratchDir(Files.createTempDirectory(Path.of("/tmp"), prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x"))));
    }

    Path path() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Mount points at or below this directory, deepest first, read from /proc/self/mountinfo. */
    List<Path> mounts() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            Path mountPoint = Path.of(unescape(line.split(" ")[4]));
            if (mountPoint.startsWith(dir)) {
                found.add(mountPoint);
            }
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    void delete() throws IOException {
        for (Path m : mounts()) {
            unmount(m);
        }
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Lazy, so a mount still busy for a moment after the daemon exited does not block cleanup. */
    private static void unmount(Path mountPoint) throws IOException {
        Process p = new ProcessBuilder("umount", "-l", mountPoint.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("umount -l " + mountPoint + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + mountPoint, e);
        }
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes such as {@code \040}. */
    static String unescape(String field) {
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
