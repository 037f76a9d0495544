package dev.berth.registry.storage;

import java.io.FileNotFoundException;

/** Nothing at that path of a {@link StorageDriver}. */
public final class PathNotFoundException extends FileNotFoundException {

    public PathNotFoundException(String path) {
        super("path not found: " + path);
    }
}
