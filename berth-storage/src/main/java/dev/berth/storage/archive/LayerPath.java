package dev.berth.storage.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * A tar entry name as the components it names below the layer root. Parsing rejects absolute names and
 * {@code ..} that climbs above the root; {@code .}, empty components and a trailing slash vanish.
 */
public record LayerPath(String entryName, List<String> components) {
    public LayerPath {
        components = List.copyOf(components);
    }

    public static LayerPath parse(String entryName) throws LayerEscapeException {
        if (entryName.startsWith("/")) {
            throw new LayerEscapeException(entryName, "is an absolute path");
        }
        if (entryName.indexOf('\0') >= 0) {
            throw new LayerEscapeException(entryName, "contains a NUL byte");
        }
        List<String> parts = new ArrayList<>();
        for (String part : entryName.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new LayerEscapeException(entryName, "climbs out of the layer root with ..");
                }
                parts.removeLast();
            } else {
                parts.add(part);
            }
        }
        return new LayerPath(entryName, parts);
    }

    /** True for the layer root itself ({@code ./} in most tars). */
    public boolean isRoot() {
        return components.isEmpty();
    }

    public String fileName() {
        return components.getLast();
    }

    public List<String> parent() {
        return components.subList(0, components.size() - 1);
    }

    /** The components joined with '/', e.g. {@code usr/bin/env}; empty for the root. */
    public String relative() {
        return String.join("/", components);
    }
}
