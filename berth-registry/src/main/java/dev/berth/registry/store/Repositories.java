package dev.berth.registry.store;

import dev.berth.registry.errcode.RegistryException;
import dev.berth.registry.storage.PathNotFoundException;
import dev.berth.registry.storage.StorageDriver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The repositories in storage, found by walking {@code repositories/}: a directory is a repository when it holds
 * {@code _manifests}, {@code _layers} or {@code _uploads}; directories starting with {@code _} are never names.
 */
public final class Repositories {

    private final StorageDriver driver;

    public Repositories(StorageDriver driver) {
        this.driver = driver;
    }

    /** All repository names, sorted. */
    public List<RepositoryName> all() throws IOException {
        List<RepositoryName> names = new ArrayList<>();
        walk(Layout.REPOSITORIES, "", names);
        names.sort(null);
        return names;
    }

    private void walk(String dir, String prefix, List<RepositoryName> out) throws IOException {
        List<String> children;
        try {
            children = driver.list(dir);
        } catch (PathNotFoundException e) {
            return;
        }
        boolean isRepository = false;
        for (String child : children) {
            String base = Layout.baseName(child);
            if (base.startsWith("_")) {
                isRepository |= base.equals("_manifests") || base.equals("_layers") || base.equals("_uploads");
                continue;
            }
            walk(child, prefix.isEmpty() ? base : prefix + "/" + base, out);
        }
        if (isRepository && !prefix.isEmpty()) {
            try {
                out.add(RepositoryName.parse(prefix));
            } catch (RegistryException e) {
                // a directory that is not a valid name was not made by a registry; skip it
            }
        }
    }
}
