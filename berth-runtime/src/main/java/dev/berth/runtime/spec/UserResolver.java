package dev.berth.runtime.spec;

import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@code -u} and {@code --group-add} into ids by reading the image's own /etc/passwd and /etc/group, with
 * runc's rules (which Docker uses):
 * <ul>
 * <li>{@code ""} is root; {@code name} and {@code uid} take the primary group from passwd and supplementary groups
 *     from every /etc/group line that lists the user;</li>
 * <li>{@code user:group} takes that group and no supplementary ones;</li>
 * <li>a number without an entry is fine, a name without one is an error.</li>
 * </ul>
 *
 * <pre>{@code
 * ProcessUser u = UserResolver.resolve(rootfs, "nobody", List.of("audio"));
 * // uid 65534, gid 65534, additionalGids [65534, 29]
 * }</pre>
 */
public final class UserResolver {
    private static final long MAX_ID = Integer.MAX_VALUE;

    private UserResolver() {
    }

    record PasswdEntry(String name, long uid, long gid) {
    }

    record GroupEntry(String name, long gid, List<String> members) {
    }

    /** @throws InvalidArgumentException when a name has no entry, with Docker's message */
    public static ProcessUser resolve(Path rootfs, String user, List<String> groupAdd) {
        List<PasswdEntry> passwd = readPasswd(rootfs);
        List<GroupEntry> groups = readGroup(rootfs);
        int colon = user.indexOf(':');
        String userArg = colon < 0 ? user : user.substring(0, colon);
        String groupArg = colon < 0 ? "" : user.substring(colon + 1);

        Optional<Long> uidArg = number(userArg);
        Optional<PasswdEntry> match = passwd.stream()
                .filter(p -> userArg.isEmpty() ? p.uid() == 0
                        : uidArg.map(id -> p.uid() == id).orElse(p.name().equals(userArg)))
                .findFirst();
        long uid = match.map(PasswdEntry::uid).orElse(0L);
        long gid = match.map(PasswdEntry::gid).orElse(0L);
        if (match.isEmpty() && !userArg.isEmpty()) {
            uid = uidArg.orElseThrow(() -> new InvalidArgumentException(
                    "unable to find user " + userArg + ": no matching entries in passwd file"));
        }
        String matchedName = match.map(PasswdEntry::name).orElse("");

        List<Long> supplementary = new ArrayList<>();
        if (!groupArg.isEmpty()) {
            gid = groupId(groups, groupArg);
        } else {
            groups.stream().filter(g -> g.members().contains(matchedName)).forEach(g -> supplementary.add(g.gid()));
        }
        List<Long> additional = new ArrayList<>();
        additional.add(gid);
        additional.addAll(supplementary);
        additional.addAll(additionalGroups(groups, groupAdd));
        return new ProcessUser(uid, gid, additional);
    }

    private static long groupId(List<GroupEntry> groups, String groupArg) {
        Optional<Long> gidArg = number(groupArg);
        return groups.stream()
                .filter(g -> gidArg.map(id -> g.gid() == id).orElse(g.name().equals(groupArg)))
                .findFirst()
                .map(GroupEntry::gid)
                .orElseGet(() -> gidArg.orElseThrow(() -> new InvalidArgumentException(
                        "unable to find group " + groupArg + ": no matching entries in group file")));
    }

    /** {@code --group-add}: names or numbers, each once. */
    private static List<Long> additionalGroups(List<GroupEntry> groups, List<String> groupAdd) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String wanted : groupAdd) {
            ids.add(groupId(groups, wanted));
        }
        return List.copyOf(ids);
    }

    private static Optional<Long> number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(s);
            if (id > MAX_ID) {
                throw new InvalidArgumentException("uids and gids must be in range 0-" + MAX_ID);
            }
            return Optional.of(id);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("uids and gids must be in range 0-" + MAX_ID);
        }
    }

    static List<PasswdEntry> readPasswd(Path rootfs) {
        List<PasswdEntry> entries = new ArrayList<>();
        for (String[] f : fields(rootfs, "/etc/passwd")) {
            Optional<Long> uid = f.length > 3 ? parseId(f[2]) : Optional.empty();
            Optional<Long> gid = f.length > 3 ? parseId(f[3]) : Optional.empty();
            if (uid.isPresent() && gid.isPresent()) {
                entries.add(new PasswdEntry(f[0], uid.get(), gid.get()));
            }
        }
        return entries;
    }

    static List<GroupEntry> readGroup(Path rootfs) {
        List<GroupEntry> entries = new ArrayList<>();
        for (String[] f : fields(rootfs, "/etc/group")) {
            Optional<Long> gid = f.length > 2 ? parseId(f[2]) : Optional.empty();
            if (gid.isPresent()) {
                List<String> members = f.length > 3 && !f[3].isBlank()
                        ? java.util.Arrays.stream(f[3].split(",")).map(String::strip).toList() : List.of();
                entries.add(new GroupEntry(f[0], gid.get(), members));
            }
        }
        return entries;
    }

    private static Optional<Long> parseId(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The colon-separated lines of a file in the rootfs; a missing file is empty, as for runc. */
    private static List<String[]> fields(Path rootfs, String file) {
        try {
            Path p = ScopedPath.resolve(rootfs, file);
            if (!Files.isRegularFile(p)) {
                return List.of();
            }
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split(":", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " in " + rootfs, e);
        }
    }
}
