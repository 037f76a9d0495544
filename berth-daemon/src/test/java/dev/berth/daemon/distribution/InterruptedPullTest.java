package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.RegistryProcess;
import dev.berth.testkit.RegistryProcess.Kind;
import dev.berth.testkit.RegistryProcess.Setup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull whose connection to berth-registry breaks in the middle of a ~50 MB layer, through a
 * {@link CuttingProxy}: berthd retries the blob and completes; when the registry stays away the pull
 * fails leaving nothing behind, and the same pull repeated later completes. (A pull cut by killing
 * berthd itself is {@code DistributionTest#a_pull_killed_half_way_completes_when_repeated}.)
 */
@Tag("integration")
class InterruptedPullTest {
    private static final int LAYER_KB = 50 * 1024;
    private static final long HALF_WAY = 20L << 20;

    @TempDir
    static Path tmp;
    private static RegistryProcess registry;
    private static CuttingProxy proxy;
    private static BerthdProcess berthd;
    private static DockerCli docker;

    @BeforeAll
    static void start() throws IOException {
        registry = RegistryProcess.start(Setup.onLoopback(Kind.BERTH_REGISTRY));
        proxy = new CuttingProxy(registry.setup().ip(), registry.setup().port());
        berthd = BerthdProcess.start();
        docker = new DockerCli(berthd.host());
    }

    @AfterAll
    static void stop() throws IOException {
        if (docker != null) {
            docker.close();
        }
        if (berthd != null) {
            berthd.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** Loads a busybox + ~50 MB image named through the proxy, pushes it and removes it locally; returns its ID. */
    private static String pushedAndRemoved(String name, long seed) throws IOException {
        Path archive = tmp.resolve(seed + ".tar");
        String id = TestImages.load(docker, archive, name, seed, LAYER_KB);
        Files.delete(archive);
        docker.run("push", name).check();
        docker.run("rmi", name).check();
        return id;
    }

    @Test
    void a_connection_reset_mid_layer_is_retried_and_the_pull_completes() throws IOException {
        String name = proxy.address() + "/big/retried:v1";
        String id = pushedAndRemoved(name, 300);
        int before = proxy.cuts();

        proxy.cutAfter(HALF_WAY, false);
        DockerCli.Result pull = docker.run("pull", name);
        assertEquals(before + 1, proxy.cuts(), "the transfer was cut once");
        assertTrue(pull.check().stdout().contains("Retrying in 1 second"), pull.describe());
        assertTrue(pull.stdout().contains("Status: Downloaded newer image for " + name), pull.describe());
        assertEquals(id, docker.imageId(name));
        assertEquals(List.of(), files(berthd.dataRoot().resolve("image/downloads")));
    }

    @Test
    void a_pull_whose_registry_goes_away_mid_layer_leaves_nothing_and_completes_when_repeated() throws IOException {
        String name = proxy.address() + "/big/repeated:v1";
        String id = pushedAndRemoved(name, 310);
        List<Path> blobsBefore = files(berthd.dataRoot().resolve("content"));
        List<Path> layersBefore = files(berthd.dataRoot().resolve("image/layerdb"));
        berthd.reload("{\"max-download-attempts\": 2}\n");
        try {
            proxy.cutAfter(HALF_WAY, true);
            DockerCli.Result failed = docker.run("pull", name);
            assertEquals(1, failed.exitCode(), failed.describe());
            assertTrue(failed.stdout().contains("Retrying in 1 second"), failed.describe());
            assertFalse(docker.run("image", "inspect", name).succeeded());
            assertEquals(List.of(), files(berthd.dataRoot().resolve("image/downloads")));
            assertEquals(blobsBefore, files(berthd.dataRoot().resolve("content")));
            assertEquals(layersBefore, files(berthd.dataRoot().resolve("image/layerdb")));

            proxy.restore();
            String pull = docker.run("pull", name).check().stdout();
            assertTrue(pull.contains("Status: Downloaded newer image for " + name), pull);
            assertEquals(id, docker.imageId(name));
            assertEquals("layer1\n", docker.run("run", "--rm", name, "ls", "/data").check().stdout());
        } finally {
            proxy.restore();
            berthd.reload("{\"max-download-attempts\": 5}\n");
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
