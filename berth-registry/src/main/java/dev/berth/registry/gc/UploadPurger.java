package dev.berth.registry.gc;

import dev.berth.registry.storage.PathNotFoundException;
import dev.berth.registry.storage.StorageDriver;
import dev.berth.registry.store.Layout;
import dev.berth.registry.store.Repositories;
import dev.berth.registry.store.RepositoryName;
import dev.berth.registry.store.Uploads;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code storage.maintenance.uploadpurging}: removes uploads started longer than {@code age} ago, which clients
 * abandoned (a finished or cancelled upload removes itself). Returns what it removed, or would remove in a dry run.
 */
public final class UploadPurger {

    private final StorageDriver driver;
    private final Uploads uploads;
    private final Repositories repositories;

    public UploadPurger(StorageDriver driver, Uploads uploads) {
        this.driver = driver;
        this.uploads = uploads;
        this.repositories = new Repositories(driver);
    }

    public List<String> purge(Duration age, boolean dryRun) throws IOException {
        Instant limit = Instant.now().minus(age);
        List<String> purged = new ArrayList<>();
        for (RepositoryName repo : repositories.all()) {
            List<String> dirs;
            try {
                dirs = driver.list(Layout.uploads(repo));
            } catch (PathNotFoundException e) {
                continue;
            }
            for (String dir : dirs) {
                if (uploads.startedAt(dir).filter(t -> t.isBefore(limit)).isPresent()) {
                    purged.add(dir);
                    if (!dryRun) {
                        uploads.purge(dir);
                    }
                }
            }
        }
        return purged;
    }
}
