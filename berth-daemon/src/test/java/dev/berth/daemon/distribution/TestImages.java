package dev.berth.daemon.distribution;

import dev.berth.oci.Digest;
import dev.berth.oci.OciJson;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Docker-archives (the {@code docker save} format) of multi-layer images for the tests: a busybox
 * base layer and data layers of seeded random bytes, so each seed gives its own layer digests.
 */
final class TestImages {
    private TestImages() {
    }

    /** Writes the archive (see {@link #write}), loads it with {@code docker load} and returns the image's id. */
    static String load(DockerCli docker, Path archive, String repoTag, long seed, int... layerKilobytes) throws IOException {
        write(archive, repoTag, seed, layerKilobytes);
        docker.run("load", "-i", archive.toString()).check();
        return docker.imageId(repoTag);
    }

    /** Writes an archive tagged {@code repoTag}: busybox plus one layer per size, each filled from {@code seed}. */
    static void write(Path archive, String repoTag, long seed, int... layerKilobytes) throws IOException {
        List<byte[]> layers = new ArrayList<>();
        Path base = Files.createTempFile(archive.getParent(), "busybox", ".tar");
        BusyboxRootfs.writeTar(base);
        layers.add(Files.readAllBytes(base));
        Files.delete(base);
        for (int i = 0; i < layerKilobytes.length; i++) {
            layers.add(dataLayer("data/layer" + (i + 1), seed * 31 + i, layerKilobytes[i]));
        }
        List<String> diffIds = layers.stream().map(l -> Digest.sha256(l).toString()).toList();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("created", "2024-01-01T00:00:00Z");
        config.put("config", Map.of("Cmd", List.of("sh"), "Labels", Map.of("seed", Long.toString(seed))));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        byte[] configBytes = OciJson.bytes(config);
        String configName = Digest.sha256(configBytes).encoded() + ".json";
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entry(tar, configName, configBytes);
            List<String> layerPaths = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                String path = "layer" + i + "/layer.tar";
                entry(tar, path, layers.get(i));
                layerPaths.add(path);
            }
            entry(tar, "manifest.json", OciJson.bytes(List.of(Map.of("Config", configName,
                    "RepoTags", List.of(repoTag), "Layers", layerPaths))));
        }
    }

    /** A layer tar holding one file of random bytes; the compressibility of a typical binary mix. */
    static byte[] dataLayer(String path, long seed, int kilobytes) throws IOException {
        byte[] data = new byte[kilobytes * 1024];
        Random r = new Random(seed);
        r.nextBytes(data);
        for (int i = 0; i < data.length; i += 2) {
            data[i] = (byte) (data[i] & 0x0f);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry dir = new TarArchiveEntry("data/");
            dir.setMode(040755);
            // a fixed time: the same seed must give the same layer digest in every second
            dir.setModTime(0);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            entry(tar, path, data);
        }
        return bytes.toByteArray();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(0644);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
