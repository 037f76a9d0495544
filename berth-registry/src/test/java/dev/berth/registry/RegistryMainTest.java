package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.registry.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryMainTest {

    @TempDir
    Path dir;

    private String capture(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, RegistryMain.run(args));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void version_prints_the_project_version() throws Exception {
        assertTrue(capture("--version").startsWith("berth-registry 0.1.0-SNAPSHOT"));
    }

    @Test
    void bad_config_exits_1_and_unknown_command_2() throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nstorage:\n  inmemory:\nbogus: 1\n");
        assertEquals(1, RegistryMain.run(new String[] {"serve", config.toString()}));
        assertEquals(2, RegistryMain.run(new String[] {"frobnicate"}));
    }

    @Test
    void garbage_collect_dry_run_then_for_real_on_a_filesystem_registry() throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, TestRegistry.INMEMORY.replace("inmemory: {}",
                "filesystem:\n    rootdirectory: " + dir.resolve("data")));
        Digest orphan;
        try (TestRegistry r = TestRegistry.start(Files.readString(config))) {
            V2Client v2 = new V2Client(r.base());
            v2.pushImage("cli/app", "v1", MediaTypes.OCI_MANIFEST, "cli");
            orphan = v2.pushBlob("cli/app", "orphan".getBytes(StandardCharsets.UTF_8));
        }
        String dry = capture("garbage-collect", "--dry-run", config.toString());
        assertTrue(dry.contains("would delete blob " + orphan), dry);
        Path blob = dir.resolve("data/docker/registry/v2/blobs/sha256/" + orphan.encoded().substring(0, 2) + "/"
                + orphan.encoded() + "/data");
        assertTrue(Files.exists(blob));
        String real = capture("garbage-collect", "--delete-untagged", config.toString());
        assertTrue(real.contains("deleted blob " + orphan), real);
        assertTrue(!Files.exists(blob));
        Registry registry = Registry.open(ConfigLoader.parse(Files.readString(config), Map.of()).storage());
        assertTrue(registry.manifests().resolveTag(dev.berth.registry.store.RepositoryName.parse("cli/app"), "v1")
                .isPresent());
    }
}
