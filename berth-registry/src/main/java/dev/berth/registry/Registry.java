package dev.berth.registry;

import dev.berth.registry.config.RegistryConfig;
import dev.berth.registry.gc.GarbageCollector;
import dev.berth.registry.gc.UploadPurger;
import dev.berth.registry.storage.FilesystemDriver;
import dev.berth.registry.storage.InMemoryDriver;
import dev.berth.registry.storage.StorageDriver;
import dev.berth.registry.store.BlobStore;
import dev.berth.registry.store.ManifestStore;
import dev.berth.registry.store.Repositories;
import dev.berth.registry.store.Uploads;
import dev.berth.registry.store.UsageJournal;
import java.io.IOException;

/**
 * The registry's content, wired once from {@code storage}: a driver, and above it blobs, uploads, manifests,
 * repositories, the garbage collector and the upload purger, sharing one {@link UsageJournal}.
 */
public record Registry(StorageDriver driver, UsageJournal journal, BlobStore blobs, Uploads uploads,
                       ManifestStore manifests, Repositories repositories, GarbageCollector collector,
                       UploadPurger purger) {

    public static Registry open(RegistryConfig.Storage storage) throws IOException {
        StorageDriver driver = switch (storage.driver()) {
            case RegistryConfig.Driver.Filesystem fs -> new FilesystemDriver(fs.rootDirectory());
            case RegistryConfig.Driver.InMemory m -> new InMemoryDriver();
        };
        return on(driver, storage.blobDescriptorCache());
    }

    public static Registry on(StorageDriver driver, boolean cacheDescriptors) {
        UsageJournal journal = new UsageJournal();
        BlobStore blobs = new BlobStore(driver, journal, cacheDescriptors);
        Uploads uploads = new Uploads(driver, blobs);
        ManifestStore manifests = new ManifestStore(driver, blobs);
        return new Registry(driver, journal, blobs, uploads, manifests, new Repositories(driver),
                new GarbageCollector(driver, blobs, manifests, journal), new UploadPurger(driver, uploads));
    }
}
