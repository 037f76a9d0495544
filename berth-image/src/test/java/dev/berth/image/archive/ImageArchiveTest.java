package dev.berth.image.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.ImageImporter;
import dev.berth.image.content.FileContentStore;
import dev.berth.image.layer.LayerStore;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageRemover;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.Digest;
import dev.berth.oci.OciJson;
import dev.berth.oci.Platform;
import dev.berth.oci.Reference;
import dev.berth.storage.Snapshotter;
import dev.berth.storage.Snapshotters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import, save and load through real stores on a vfs snapshotter (needs root for owners and devices). */
@Tag("integration")
class ImageArchiveTest {
    @TempDir
    Path root;
    private FileContentStore content;
    private LayerStore layers;
    private ImageStore images;
    private ImageImporter importer;

    @BeforeEach
    void open() throws IOException {
        content = new FileContentStore(root.resolve("content"));
        Snapshotter snapshotter = Snapshotters.choose(root, Optional.of("vfs"));
        layers = new LayerStore(root.resolve("image"), content, snapshotter);
        images = new ImageStore(root.resolve("image"), content, layers);
        importer = new ImageImporter(layers, images, "test");
    }

    private static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
                byte[] body = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(body.length);
                tar.putArchiveEntry(e);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private Image importTar(byte[] tar, String tag) throws IOException {
        Image img = importer.importTar(new ByteArrayInputStream(tar), "-", Optional.empty(), List.of(), Platform.host());
        images.tag(img.id(), Reference.parse(tag));
        return img;
    }

    private byte[] save(Image img, String tag) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ArchiveWriter(content).write(List.of(new ArchiveWriter.Entry(img, List.of(Reference.parse(tag)))), out);
        return out.toByteArray();
    }

    private List<ArchiveLoader.Loaded> load(byte[] archive) throws IOException {
        return new ArchiveLoader(content, layers, images).load(new ByteArrayInputStream(archive), id -> { });
    }

    @Test
    void import_stores_the_layer_tar_under_its_diff_id() throws IOException {
        byte[] layer = tar(Map.of("etc/hello", "hi"));
        Image img = importTar(layer, "a:1");
        assertEquals(List.of(Digest.sha256(layer)), img.config().diffIds());
        assertTrue(content.exists(Digest.sha256(layer)));
        assertEquals("hi", Files.readString(layers.snapshotter().diffDir(img.layers().getFirst().snapshot()).resolve("etc/hello")));
    }

    @Test
    void save_then_load_into_an_empty_store_gives_the_same_image() throws IOException {
        Image img = importTar(tar(Map.of("a", "1", "b/c", "2")), "round:trip");
        byte[] archive = save(img, "round:trip");
        new ImageRemover(images, layers, ImageRemover.ImageUsage.NONE).remove("round:trip", false);
        assertTrue(images.all().isEmpty());
        assertTrue(layers.all().isEmpty());
        assertTrue(content.list().isEmpty(), "rmi releases config and layer blobs");
        List<ArchiveLoader.Loaded> loaded = load(archive);
        assertEquals(img.id(), loaded.getFirst().image().id());
        assertEquals(List.of(Reference.parse("round:trip")), loaded.getFirst().tags());
        assertEquals(2, content.list().size(), "only config and layer are kept, not the manifest");
    }

    @Test
    void saved_archive_is_both_docker_archive_and_oci_layout() throws IOException {
        Image img = importTar(tar(Map.of("x", "y")), "both:v1");
        List<String> names = new java.util.ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(save(img, "both:v1")))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertTrue(names.containsAll(List.of("manifest.json", "index.json", "oci-layout", "repositories",
                "blobs/sha256/" + img.id().encoded())), names.toString());
    }

    @Test
    void loads_a_gzipped_archive_and_a_legacy_layout_with_linked_layers() throws IOException {
        byte[] layer = tar(Map.of("legacy", "yes"));
        Digest diff = Digest.sha256(layer);
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diff + "\",\"" + diff + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(configBytes);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            file(tar, "aaa/layer.tar", layer);
            TarArchiveEntry link = new TarArchiveEntry("bbb/layer.tar", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../aaa/layer.tar");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            file(tar, configDigest.encoded() + ".json", configBytes);
            file(tar, "manifest.json", OciJson.bytes(List.of(Map.of("Config", configDigest.encoded() + ".json",
                    "RepoTags", List.of("legacy:1"), "Layers", List.of("aaa/layer.tar", "bbb/layer.tar")))));
        }
        List<ArchiveLoader.Loaded> loaded = load(bytes.toByteArray());
        assertEquals(configDigest, loaded.getFirst().image().id());
        assertEquals(2, loaded.getFirst().image().layers().size());
    }

    @Test
    void a_layer_that_does_not_match_its_diff_id_is_refused_and_leaves_nothing() throws IOException {
        byte[] layer = tar(Map.of("f", "1"));
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.sha256(new byte[] {9}) + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, "l/layer.tar", layer);
            file(tar, "c.json", configBytes);
            file(tar, "manifest.json", OciJson.bytes(List.of(Map.of("Config", "c.json", "Layers", List.of("l/layer.tar")))));
        }
        assertThrows(IOException.class, () -> load(bytes.toByteArray()));
        assertTrue(images.all().isEmpty());
        assertTrue(layers.all().isEmpty());
        assertTrue(content.list().isEmpty());
        assertTrue(layers.snapshotter().list().isEmpty());
    }

    @Test
    void an_escaping_tar_is_refused_and_leaves_nothing() throws IOException {
        byte[] evil = tar(Map.of("ok", "1", "../../outside", "x"));
        assertThrows(IOException.class, () -> importTar(evil, "evil:1"));
        assertTrue(images.all().isEmpty());
        assertTrue(layers.all().isEmpty());
        assertTrue(content.list().isEmpty());
        assertTrue(layers.snapshotter().list().isEmpty());
        assertFalse(Files.exists(root.getParent().resolve("outside")));
    }

    @Test
    void removing_one_image_keeps_layers_another_uses_and_state_survives_reopen() throws IOException {
        byte[] layer = tar(Map.of("shared", "1"));
        Image a = importTar(layer, "keep:a");
        images.tag(a.id(), Reference.parse("keep:b"));
        ImageRemover remover = new ImageRemover(images, layers, ImageRemover.ImageUsage.NONE);
        assertEquals(1, remover.remove("keep:a", false).size());
        open();
        assertEquals(a.id(), images.resolve("keep:b").id());
        assertEquals(1, layers.all().size());
        assertEquals(a.id(), images.resolve(a.id().encoded().substring(0, 5)).id());
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] body) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(body.length);
        tar.putArchiveEntry(e);
        tar.write(body);
        tar.closeArchiveEntry();
    }
}
