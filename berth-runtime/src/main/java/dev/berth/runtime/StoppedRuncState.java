package dev.berth.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What {@code runc delete} does for a container whose processes are all gone, done in place: remove its
 * cgroups and its state directory. Every container exit goes through a delete, and starting the runtime
 * (a Go program) for it is most of the cost of the cleanup. Anything unexpected (a live init, hooks to
 * run, a state this code does not know, a cgroup still busy) returns false, and the caller runs the
 * runtime's own delete.
 */
final class StoppedRuncState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoppedRuncState() {
    }

    /** True when the state was runc's, the container was stopped, and both cgroups and state are gone. */
    static boolean remove(Path stateDir) {
        Path stateFile = stateDir.resolve("state.json");
        JsonNode state;
        try {
            state = JSON.readTree(stateFile.toFile());
        } catch (IOException e) {
            return false;
        }
        if (!state.has("init_process_pid") || !state.has("cgroup_paths") || hasPoststopHooks(state)
                || initAlive(state.path("init_process_pid").asInt(), state.path("init_process_start").asLong())) {
            return false;
        }
        List<Path> cgroups = new ArrayList<>();
        for (Iterator<JsonNode> it = state.path("cgroup_paths").elements(); it.hasNext(); ) {
            cgroups.add(Path.of(it.next().asText()));
        }
        try {
            for (Path cg : cgroups) {
                removeCgroup(cg);
            }
            Files.deleteIfExists(stateFile);
            Files.deleteIfExists(stateDir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasPoststopHooks(JsonNode state) {
        JsonNode hooks = state.path("config").path("Hooks");
        return hooks.isObject() && hooks.path("poststop").size() > 0;
    }

    /** The init process is alive when its pid exists with the start time runc recorded. */
    private static boolean initAlive(int pid, long startTime) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[19]) == startTime && !f[0].equals("Z");
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return true;
        }
    }

    /** A cgroup directory goes with rmdir once empty of processes; its own sub-cgroups first. */
    private static void removeCgroup(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var children = Files.list(dir)) {
            for (Path c : children.filter(Files::isDirectory).toList()) {
                removeCgroup(c);
            }
        }
        try {
            Files.delete(dir);
        } catch (NoSuchFileException gone) {
            // removed meanwhile (hierarchies mounted twice share a directory)
        } catch (DirectoryNotEmptyException busy) {
            throw new IOException("cgroup " + dir + " is still in use", busy);
        }
    }
}
