package dev.berth.storage;

import dev.berth.linux.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Snapshot metadata: one small file per snapshot, {@code meta/<id>}, replaced atomically. The file's
 * presence is what makes a snapshot exist, so a layout directory without one is debris of a crash.
 * The in-memory map is rebuilt from the files at start.
 */
final class SnapshotIndex {
    private final Path dir;
    private final Map<String, SnapshotInfo> byName = new HashMap<>();

    SnapshotIndex(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        load();
    }

    Optional<SnapshotInfo> find(String keyOrName) {
        return Optional.ofNullable(byName.get(keyOrName));
    }

    SnapshotInfo get(String keyOrName) throws SnapshotNotFoundException {
        SnapshotInfo info = byName.get(SnapshotNames.check(keyOrName));
        if (info == null) {
            throw new SnapshotNotFoundException(keyOrName);
        }
        return info;
    }

    boolean hasChildren(String name) {
        return byName.values().stream().anyMatch(s -> s.parent().filter(name::equals).isPresent());
    }

    boolean containsId(String id) {
        return Files.exists(dir.resolve(id));
    }

    List<SnapshotInfo> all() {
        return List.copyOf(byName.values());
    }

    /** Records {@code info}, replacing whatever this id recorded before (a commit renames key to name). */
    void put(SnapshotInfo info) throws IOException {
        AtomicFiles.write(dir.resolve(info.id()), render(info).getBytes(StandardCharsets.UTF_8));
        byName.values().removeIf(s -> s.id().equals(info.id()));
        byName.put(info.name(), info);
    }

    void remove(SnapshotInfo info) throws IOException {
        AtomicFiles.delete(dir.resolve(info.id()));
        byName.remove(info.name());
    }

    private void load() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.toList();
        }
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)) {
                Files.delete(file);
            } else {
                SnapshotInfo info = parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
                byName.put(info.name(), info);
            }
        }
    }

    private static String render(SnapshotInfo info) {
        StringBuilder text = new StringBuilder();
        text.append("kind=").append(info.kind()).append('\n');
        text.append("name=").append(info.name()).append('\n');
        info.parent().ifPresent(p -> text.append("parent=").append(p).append('\n'));
        return text.toString();
    }

    private static SnapshotInfo parse(String id, List<String> lines) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IOException("snapshot metadata " + id + " has a malformed line: " + line);
            }
            fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
        try {
            return new SnapshotInfo(id, fields.get("name"), SnapshotKind.valueOf(fields.get("kind")),
                    Optional.ofNullable(fields.get("parent")));
        } catch (RuntimeException e) {
            throw new IOException("snapshot metadata " + id + " is invalid: " + new ArrayList<>(lines), e);
        }
    }
}
