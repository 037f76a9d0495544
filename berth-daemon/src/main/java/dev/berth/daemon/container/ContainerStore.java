package dev.berth.daemon.container;

import dev.berth.linux.AtomicFiles;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.NotFoundException;
import dev.berth.storage.archive.TreeRemover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Containers by ID and name. Each is a directory {@code containers/<id>/} with
 * {@code config.v2.json}, rewritten atomically on every change; the index is rebuilt from those
 * files at start.
 */
public final class ContainerStore {
    private static final String RECORD = "config.v2.json";
    private final Path root;
    private final Map<String, Container> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byName = new ConcurrentHashMap<>();

    public ContainerStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                Path file = dir.resolve(RECORD);
                if (Files.isRegularFile(file)) {
                    ContainerRecord r = OciJson.read(Files.readAllBytes(file), ContainerRecord.class);
                    byId.put(r.id(), new Container(r));
                    byName.put(r.name(), r.id());
                }
            }
        }
    }

    public Path dir(String id) {
        return root.resolve(id);
    }

    /** Registers a new container under its name; the name must be free. */
    public synchronized Container add(ContainerRecord record) throws IOException {
        String owner = byName.get(record.name());
        if (owner != null) {
            throw nameConflict(record.name(), owner);
        }
        Files.createDirectories(dir(record.id()));
        persist(record);
        Container c = new Container(record);
        byId.put(record.id(), c);
        byName.put(record.name(), record.id());
        return c;
    }

    private static ConflictException nameConflict(String name, String owner) {
        return new ConflictException("Conflict. The container name \"" + name + "\" is already in use by container \""
                + owner + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }

    /** Applies a change to the record, persists it, then publishes it to waiters. */
    public ContainerRecord update(Container c, UnaryOperator<ContainerRecord> change) throws IOException {
        synchronized (c) {
            ContainerRecord next = change.apply(c.record());
            persist(next);
            return c.apply(r -> next);
        }
    }

    public synchronized void rename(Container c, String newName) throws IOException {
        String owner = byName.get(newName);
        if (owner != null) {
            throw nameConflict(newName, owner);
        }
        String old = c.record().name();
        update(c, r -> r.withName(newName));
        byName.remove(old);
        byName.put(newName, c.id());
    }

    private void persist(ContainerRecord r) throws IOException {
        AtomicFiles.write(dir(r.id()).resolve(RECORD), OciJson.bytes(r));
    }

    /** Forgets a container: its record goes first (the acknowledgement), then its directory. */
    public synchronized void remove(Container c) throws IOException {
        AtomicFiles.delete(dir(c.id()).resolve(RECORD));
        byId.remove(c.id());
        byName.remove(c.record().name());
        c.markRemoved();
        TreeRemover.remove(dir(c.id()));
    }

    public Collection<Container> all() {
        return List.copyOf(byId.values());
    }

    /** By full ID, name (with or without the leading slash) or unique ID prefix, as Docker resolves it. */
    public Optional<Container> find(String ref) {
        Container c = byId.get(ref);
        if (c != null) {
            return Optional.of(c);
        }
        String id = byName.get(ref.startsWith("/") ? ref : "/" + ref);
        if (id != null) {
            return Optional.ofNullable(byId.get(id));
        }
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        List<Container> matches = byId.values().stream().filter(x -> x.id().startsWith(ref)).toList();
        if (matches.size() > 1) {
            throw new dev.berth.oci.error.InvalidArgumentException(
                    "multiple IDs found with provided prefix: " + ref);
        }
        return matches.stream().findFirst();
    }

    public Container resolve(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("No such container: " + ref));
    }
}
