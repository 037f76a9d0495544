package dev.berth.daemon.image;

import dev.berth.image.ImageImporter;
import dev.berth.image.archive.ArchiveLoader;
import dev.berth.image.archive.ArchiveWriter;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.FileContentStore;
import dev.berth.image.layer.LayerStore;
import dev.berth.image.store.ImageRemover;
import dev.berth.image.store.ImageStore;
import dev.berth.storage.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;

/** The image side of the engine, wired from the data-root: content, layers, images and their operations. */
public record ImageBackend(ContentStore content, LayerStore layers, ImageStore images, ImageImporter importer,
                           ArchiveWriter archiveWriter, ArchiveLoader archiveLoader, ImageRemover remover) {

    public static ImageBackend open(Path dataRoot, Snapshotter snapshotter, String engineVersion,
                                    ImageRemover.ImageUsage usage) throws IOException {
        ContentStore content = new FileContentStore(dataRoot.resolve("content"));
        LayerStore layers = new LayerStore(dataRoot.resolve("image"), content, snapshotter);
        ImageStore images = new ImageStore(dataRoot.resolve("image"), content, layers);
        return new ImageBackend(content, layers, images, new ImageImporter(layers, images, engineVersion),
                new ArchiveWriter(content), new ArchiveLoader(content, layers, images),
                new ImageRemover(images, layers, usage));
    }
}
