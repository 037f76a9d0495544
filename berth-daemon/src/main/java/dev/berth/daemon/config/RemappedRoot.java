package dev.berth.daemon.config;

import dev.berth.linux.Command;
import dev.berth.linux.IdMap;
import dev.berth.linux.Nodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --userns-remap}, resolved as dockerd resolves it: the host user whose subordinate ids the containers'
 * ids become. Container id 0 and up lie on the user's ranges in {@code /etc/subuid} and {@code /etc/subgid}
 * (entries by name or by uid), end to end in file order; the group only has to exist, as with dockerd.
 *
 * <pre>{@code
 * RemappedRoot remap = RemappedRoot.resolve("default", Path.of("/etc"), RemappedRoot::addUser).orElseThrow();
 * remap.ids().hostUid(0);                       // 100000: the container's root on the host
 * Path root = remap.prepare(dataRoot, execRoot); // /var/lib/berth/100000.100000
 * }</pre>
 *
 * @param user  the user name ({@code dockremap} for {@code default})
 * @param group the group name
 */
public record RemappedRoot(String user, String group, IdMap ids) {
    private static final System.Logger LOG = Log.logger("berthd");
    static final String DEFAULT = "default";
    static final String DEFAULT_USER = "dockremap";
    /** Where dockerd starts looking for a free range, and how many ids it gives {@code dockremap}. */
    static final long FIRST_RANGE_START = 100000;
    static final long RANGE_SIZE = 65536;

    /** Creates a system user with {@code count} subordinate uids and gids from the given starts. */
    @FunctionalInterface
    public interface UserAdder {
        void add(String name, long uidStart, long gidStart, long count) throws IOException;
    }

    /**
     * The remapped root of a {@code userns-remap} value ({@code default}, {@code USER}, {@code USER:GROUP},
     * {@code UID}, {@code UID:GID}), reading {@code passwd}, {@code group}, {@code subuid} and {@code subgid} in
     * {@code etc}; empty when the value is empty or names root. {@code default} has {@code adder} create
     * {@code dockremap} with a free range when it does not exist.
     */
    public static Optional<RemappedRoot> resolve(String setting, Path etc, UserAdder adder) throws IOException {
        if (setting == null || setting.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = setting.split(":", -1);
        if (parts.length > 2) {
            throw new ConfigException("Invalid user/group specification in --userns-remap: \"" + setting + "\"");
        }
        IdFile passwd = IdFile.read(etc.resolve("passwd"));
        IdFile groups = IdFile.read(etc.resolve("group"));
        if (parts[0].equals(DEFAULT) && passwd.idOf(DEFAULT_USER).isEmpty()) {
            adder.add(DEFAULT_USER, nextRangeStart(etc.resolve("subuid")), nextRangeStart(etc.resolve("subgid")),
                    RANGE_SIZE);
            return Optional.of(mapped(DEFAULT_USER, DEFAULT_USER, etc));
        }
        String user = userName(parts[0], passwd);
        String group = parts.length == 2 ? groupName(parts[1], groups) : ownGroup(parts[0], groups);
        if (user.equals("root")) {
            LOG.log(System.Logger.Level.WARNING, "User namespaces: root cannot be remapped with itself; user namespaces are OFF");
            return Optional.empty();
        }
        return Optional.of(mapped(user, group, etc));
    }

    private static String userName(String given, IdFile passwd) {
        if (isNumber(given)) {
            return passwd.nameOf(given).orElseThrow(() -> new ConfigException("Uid " + given
                    + " has no entry in /etc/passwd: no matching entries in passwd file"));
        }
        String name = given.equals(DEFAULT) ? DEFAULT_USER : given;
        passwd.idOf(name).orElseThrow(() -> new ConfigException("Error during uid lookup for \"" + name
                + "\": no matching entries in passwd file"));
        return name;
    }

    /** Without {@code :GROUP}: the group whose gid is the given uid, or that has the user's name. */
    private static String ownGroup(String given, IdFile groups) {
        if (isNumber(given)) {
            return groups.nameOf(given).orElseThrow(() -> new ConfigException("Gid " + given
                    + " has no entry in /etc/group: no matching entries in group file"));
        }
        String name = given.equals(DEFAULT) ? DEFAULT_USER : given;
        groups.idOf(name).orElseThrow(() -> new ConfigException("Error during gid lookup for \"" + name
                + "\": no matching entries in group file"));
        return name;
    }

    private static String groupName(String given, IdFile groups) {
        if (isNumber(given)) {
            return groups.nameOf(given).orElseThrow(() -> new ConfigException("Gid " + given
                    + " has no entry in /etc/group: no matching entries in group file"));
        }
        groups.idOf(given).orElseThrow(() -> new ConfigException("Error during groupname lookup for \"" + given
                + "\": no matching entries in group file"));
        return given;
    }

    private static RemappedRoot mapped(String user, String group, Path etc) throws IOException {
        String uid = IdFile.read(etc.resolve("passwd")).idOf(user).orElseThrow();
        List<IdMap.Range> uids = ranges(etc.resolve("subuid"), user, uid);
        List<IdMap.Range> gids = ranges(etc.resolve("subgid"), user, uid);
        LOG.log(System.Logger.Level.INFO, "User namespaces: ID ranges will be mapped to subuid/subgid ranges of: " + user);
        return new RemappedRoot(user, group, new IdMap(uids, gids));
    }

    /** The user's ranges (lines {@code name:start:count}, by name or uid), laid end to end from container id 0. */
    private static List<IdMap.Range> ranges(Path file, String user, String uid) throws IOException {
        List<IdMap.Range> out = new ArrayList<>();
        long next = 0;
        for (String[] f : IdFile.read(file).entries()) {
            if (f.length >= 3 && (f[0].equals(user) || f[0].equals(uid)) && isNumber(f[1]) && isNumber(f[2])) {
                long count = Long.parseLong(f[2]);
                out.add(new IdMap.Range(next, Long.parseLong(f[1]), count));
                next += count;
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("Can't create ID mappings: no " + file.getFileName() + " ranges found for user \""
                    + user + "\"");
        }
        return out;
    }

    /** dockerd's choice: from 100000 on, past every range the file gives anyone that the start would overlap. */
    static long nextRangeStart(Path file) throws IOException {
        List<long[]> taken = new ArrayList<>();
        for (String[] f : IdFile.read(file).entries()) {
            if (f.length >= 3 && isNumber(f[1]) && isNumber(f[2])) {
                taken.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        taken.sort((a, b) -> Long.compare(a[0], b[0]));
        long start = FIRST_RANGE_START;
        for (long[] r : taken) {
            if (start < r[0] + r[1] && r[0] < start + RANGE_SIZE) {
                start = r[0] + r[1];
            }
        }
        return start;
    }

    /** The host's way, as dockerd's: {@code useradd -r -s /bin/false}, then the ranges through {@code usermod}. */
    public static void addUser(String name, long uidStart, long gidStart, long count) throws IOException {
        Duration limit = Duration.ofSeconds(30);
        Command.of("useradd", "-r", "-s", "/bin/false", name).timeout(limit).run().check();
        Command.of("usermod", "-v", uidStart + "-" + (uidStart + count - 1), "-w", gidStart + "-" + (gidStart + count - 1),
                name).timeout(limit).run().check();
        LOG.log(System.Logger.Level.INFO, "User namespaces: created user " + name + " with subordinate uids from "
                + uidStart + " and gids from " + gidStart);
    }

    public long uid() {
        return ids.hostUid(0);
    }

    public long gid() {
        return ids.hostGid(0);
    }

    /**
     * Lays out the data-root as dockerd does and returns where berthd keeps its stores:
     * {@code <data-root>} becomes 0711, {@code <data-root>/<uid>.<gid>} is made 0710 and root:gid. Every
     * directory above it, and the exec-root (where root file systems are mounted) with its parents, must be
     * searchable by the remapped root, or containers could not start.
     */
    public Path prepare(Path dataRoot, Path execRoot) throws IOException {
        Files.createDirectories(dataRoot);
        Files.setPosixFilePermissions(dataRoot, PosixFilePermissions.fromString("rwx--x--x"));
        Path root = dataRoot.resolve(uid() + "." + gid());
        Files.createDirectories(root);
        Nodes.lchown(root, 0, (int) gid());
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x---"));
        requireSearchable(root.toAbsolutePath().getParent(), "a subdirectory in your graphroot path (" + root + ")");
        requireSearchable(execRoot.toAbsolutePath(), "a directory in your exec-root path (" + execRoot + ")");
        return root;
    }

    /** {@code dir} and every directory above it but {@code /}. */
    private void requireSearchable(Path dir, String what) throws IOException {
        for (Path p = dir; p != null && p.getParent() != null; p = p.getParent()) {
            if (!searchable(p)) {
                throw new ConfigException(what + " restricts access to the remapped root uid/gid; please fix by"
                        + " allowing 'o+x' permissions on existing directories");
            }
        }
    }

    /** As dockerd's check: x for others, or for the remapped root as owner or group. */
    private boolean searchable(Path dir) throws IOException {
        int mode = (int) Files.getAttribute(dir, "unix:mode");
        int owner = (int) Files.getAttribute(dir, "unix:uid");
        int group = (int) Files.getAttribute(dir, "unix:gid");
        return (mode & 0001) != 0 || (owner == uid() && (mode & 0100) != 0) || (group == gid() && (mode & 0010) != 0);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() <= 10 && s.chars().allMatch(Character::isDigit);
    }

    /** A colon-separated file of the {@code /etc/passwd} kind; a missing file has no entries. */
    private record IdFile(List<String[]> entries) {
        static IdFile read(Path file) throws IOException {
            List<String[]> out = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        out.add(line.strip().split(":", -1));
                    }
                }
            }
            return new IdFile(out);
        }

        /** The id (third field) of {@code name}. */
        Optional<String> idOf(String name) {
            return entries.stream().filter(f -> f.length > 2 && f[0].equals(name)).map(f -> f[2]).findFirst();
        }

        Optional<String> nameOf(String id) {
            return entries.stream().filter(f -> f.length > 2 && f[2].equals(id)).map(f -> f[0]).findFirst();
        }
    }
}
