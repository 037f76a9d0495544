package dev.berth.storage.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a {@link LayerPath} into a real path under the root, following symlinks in the parent directories
 * only while they stay inside the root (what the container will see) and never following the final
 * component. A symlink with an absolute target or one that climbs out is an escape: on the host it
 * would lead outside the snapshot.
 */
final class ConfinedResolver {
    private static final int MAX_SYMLINKS = 40;

    private final Path root;

    ConfinedResolver(Path root) {
        this.root = root;
    }

    /** The host path of {@code path}, whose parent directories are real directories or not yet created. */
    Path resolve(LayerPath path) throws IOException {
        List<String> parent = resolveDirectory(path.entryName(), path.parent());
        return join(parent).resolve(path.fileName());
    }

    /** The relative form of {@link #resolve}, e.g. {@code usr/lib/x} when {@code lib} links to {@code usr/lib}. */
    String relative(Path resolved) {
        return root.relativize(resolved).toString();
    }

    private List<String> resolveDirectory(String entryName, List<String> components) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components);
        List<String> resolved = new ArrayList<>();
        int symlinks = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (resolved.isEmpty()) {
                    throw new LayerEscapeException(entryName, "passes through a symlink that leads out of the layer root");
                }
                resolved.removeLast();
                continue;
            }
            Path candidate = join(resolved).resolve(part);
            BasicFileAttributes attrs = attributes(candidate);
            if (attrs != null && attrs.isSymbolicLink()) {
                if (++symlinks > MAX_SYMLINKS) {
                    throw new LayerEscapeException(entryName, "passes through too many symlinks");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    throw new LayerEscapeException(entryName,
                            "passes through symlink " + root.relativize(candidate) + " -> " + target + " which points outside the layer root");
                }
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.push(targetParts.get(i));
                }
                continue;
            }
            resolved.add(part);
        }
        return resolved;
    }

    private Path join(List<String> components) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
