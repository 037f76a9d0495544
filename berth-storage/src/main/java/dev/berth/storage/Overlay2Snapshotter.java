package dev.berth.storage;

import dev.berth.linux.Command;
import dev.berth.linux.IdMap;
import dev.berth.linux.Mounts;
import dev.berth.storage.archive.TreeRemover;
import dev.berth.storage.archive.WhiteoutMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Docker's overlay2 layout under {@code root}:
 * <pre>
 * root/&lt;id&gt;/diff    this snapshot's own files (the overlay upper directory)
 * root/&lt;id&gt;/link    its 26-character short name
 * root/&lt;id&gt;/lower   l/PARENT:l/GRANDPARENT:… (absent for a base snapshot)
 * root/&lt;id&gt;/work    overlay's work directory (absent for a base snapshot)
 * root/l/&lt;short&gt;    -&gt; ../&lt;id&gt;/diff
 * </pre>
 * The short links exist so that mount options name lower layers as {@code l/XXXX} relative to {@code root}:
 * 128 and more layers then fit in the one page of data that mount(2) accepts.
 */
public final class Overlay2Snapshotter extends DirectorySnapshotter {
    public static final String TYPE = "overlay2";

    private static final String LINKS = "l";
    private static final int SHORT_LENGTH = 26;
    private static final String SHORT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHORT_NAME = Pattern.compile("[" + SHORT_ALPHABET + "]{" + SHORT_LENGTH + "}");
    private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MOUNT_DATA_LIMIT = 4096; // the page mount(2) copies its data into, less the NUL
    private static final SecureRandom RANDOM = new SecureRandom();

    public Overlay2Snapshotter(Path root) throws IOException {
        this(root, IdMap.IDENTITY);
    }

    /** A snapshotter whose files belong to the host ids of {@code idMap} ({@code --userns-remap}). */
    public Overlay2Snapshotter(Path root, IdMap idMap) throws IOException {
        super(root, idMap);
        Files.createDirectories(this.root.resolve(LINKS));
        removeDebris();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public WhiteoutMode whiteoutMode() {
        return WhiteoutMode.OVERLAY;
    }

    @Override
    protected Path createLayout(String id, Optional<SnapshotInfo> parent) throws IOException {
        Path dir = Files.createDirectory(root.resolve(id), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path diff = Files.createDirectory(dir.resolve("diff"));
        ownByContainerRoot(diff); // the upper directory's owner is the owner of the container's /
        String shortName = newShortName();
        Files.writeString(dir.resolve("link"), shortName, StandardCharsets.US_ASCII);
        Files.createSymbolicLink(root.resolve(LINKS).resolve(shortName), Path.of("..", id, "diff"));
        if (parent.isPresent()) {
            String parentId = parent.get().id();
            String parentLower = lowerOf(parentId);
            String lower = LINKS + "/" + shortNameOf(parentId) + (parentLower.isEmpty() ? "" : ":" + parentLower);
            Files.writeString(dir.resolve("lower"), lower, StandardCharsets.US_ASCII);
            Files.createDirectory(dir.resolve("work"));
        }
        return diff;
    }

    @Override
    protected void deleteLayout(String id) throws IOException {
        Path link = root.resolve(id).resolve("link");
        if (Files.exists(link)) {
            // A crash between creating the link file and writing it leaves it empty (or short): such a name
            // names no entry of l/, and "" would name l/ itself.
            String shortName = Files.readString(link, StandardCharsets.US_ASCII).strip();
            if (SHORT_NAME.matcher(shortName).matches()) {
                Files.deleteIfExists(root.resolve(LINKS).resolve(shortName));
            }
        }
        TreeRemover.remove(root.resolve(id));
    }

    @Override
    protected Set<String> layoutIds() throws IOException {
        removeDanglingLinks();
        try (Stream<Path> listing = Files.list(root)) {
            return listing.map(p -> p.getFileName().toString()).filter(n -> ID.matcher(n).matches())
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Override
    protected List<Mount> mountsOf(SnapshotInfo info) throws IOException {
        String lower = lowerOf(info.id());
        String access = info.kind() == SnapshotKind.VIEW ? "ro" : "rw";
        if (lower.isEmpty()) {
            return List.of(new Mount("bind", diffOf(info.id()).toString(), List.of("rbind", access)));
        }
        List<String> options = new ArrayList<>(absoluteOptions(info.id(), lower));
        if (info.kind() == SnapshotKind.VIEW) {
            options.add("ro");
        }
        return List.of(new Mount("overlay", "overlay", options));
    }

    /** lowerdir, upperdir and workdir of a snapshot with parents, each path absolute. */
    private List<String> absoluteOptions(String id, String lower) {
        List<String> lowers = new ArrayList<>();
        for (String relative : lower.split(":")) {
            lowers.add(root.resolve(relative).toString());
        }
        return List.of("lowerdir=" + String.join(":", lowers), "upperdir=" + diffOf(id), "workdir=" + root.resolve(id).resolve("work"));
    }

    /**
     * With mount(2) when the options, paths absolute, fit in the one page the kernel copies them into; a deeper
     * image through mount(8) run in {@code root}, so that the relative {@code l/…} lower paths resolve (the
     * short links exist for this, as in dockerd).
     */
    @Override
    protected void mountOnto(SnapshotInfo info, Path target) throws IOException {
        String lower = lowerOf(info.id());
        boolean readOnly = info.kind() == SnapshotKind.VIEW;
        if (lower.isEmpty()) {
            Mounts.bind(diffOf(info.id()), target, readOnly);
            return;
        }
        String absolute = String.join(",", absoluteOptions(info.id(), lower));
        if (absolute.getBytes(StandardCharsets.UTF_8).length < MOUNT_DATA_LIMIT) {
            Mounts.mount("overlay", target.toAbsolutePath(), "overlay", readOnly ? Mounts.MS_RDONLY : 0, absolute);
            return;
        }
        String options = "lowerdir=" + lower + ",upperdir=" + info.id() + "/diff,workdir=" + info.id() + "/work"
                + (readOnly ? ",ro" : "");
        Command.of("mount", "-t", "overlay", "overlay", "-o", options, target.toAbsolutePath().toString())
                .cwd(root).timeout(MOUNT_TIMEOUT).run().check();
    }

    @Override
    protected Path diffOf(String id) {
        return root.resolve(id).resolve("diff");
    }

    private String lowerOf(String id) throws IOException {
        Path lower = root.resolve(id).resolve("lower");
        return Files.exists(lower) ? Files.readString(lower, StandardCharsets.US_ASCII).strip() : "";
    }

    private String shortNameOf(String id) throws IOException {
        return Files.readString(root.resolve(id).resolve("link"), StandardCharsets.US_ASCII).strip();
    }

    private String newShortName() {
        while (true) {
            StringBuilder name = new StringBuilder(SHORT_LENGTH);
            for (int i = 0; i < SHORT_LENGTH; i++) {
                name.append(SHORT_ALPHABET.charAt(RANDOM.nextInt(SHORT_ALPHABET.length())));
            }
            if (!Files.exists(root.resolve(LINKS).resolve(name.toString()), LinkOption.NOFOLLOW_LINKS)) {
                return name.toString();
            }
        }
    }

    private void removeDanglingLinks() throws IOException {
        Set<Path> dangling = new HashSet<>();
        try (Stream<Path> links = Files.list(root.resolve(LINKS))) {
            links.filter(l -> !Files.exists(l)).forEach(dangling::add);
        }
        for (Path link : dangling) {
            Files.deleteIfExists(link);
        }
    }
}
