package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadTest {
    @TempDir
    Path dir;

    private final DaemonConfigLoader loader = new DaemonConfigLoader("1", "x", new PrintStream(new ByteArrayOutputStream()));

    private Path write(String json) throws IOException {
        Path file = dir.resolve("daemon.json");
        Files.writeString(file, json);
        return file;
    }

    private DaemonConfig start(String json, String... flags) throws IOException {
        Path file = write(json);
        String[] args = new String[flags.length + 2];
        args[0] = "--config-file";
        args[1] = file.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return loader.load(args);
    }

    @Test
    void changes_reloadable_keys_and_lists_them() throws IOException {
        DaemonConfig current = start("{\"labels\": [\"a=1\"]}");
        ReloadResult result = loader.reload(current, write("""
                {"labels": ["a=2"], "debug": true, "log-level": "error", "registry-mirrors": ["http://m:5000"],
                 "insecure-registries": ["r:5000"], "max-concurrent-downloads": 9, "live-restore": true,
                 "shutdown-timeout": 3, "runtimes": {"crun": {"path": "/usr/bin/crun"}}, "default-runtime": "crun"}
                """));
        assertEquals(Optional.empty(), result.error());
        assertEquals(List.of("debug", "log-level", "labels", "shutdown-timeout", "live-restore", "insecure-registries",
                "registry-mirrors", "max-concurrent-downloads", "default-runtime", "runtimes"), result.changedKeys());
        DaemonConfig now = result.config();
        assertEquals(List.of("a=2"), now.labels());
        assertEquals(LogLevel.DEBUG, now.effectiveLogLevel());
        assertEquals(LogLevel.ERROR, now.logLevel());
        assertEquals(List.of("http://m:5000/"), now.registry().mirrors());
        assertEquals(9, now.registry().maxConcurrentDownloads());
        assertEquals("crun", now.runtime().defaultRuntime());
        assertTrue(now.liveRestore());
        assertEquals(3, now.shutdownTimeoutSeconds());
        assertTrue(result.warnings().isEmpty());
    }

    @Test
    void ignores_non_reloadable_keys_with_a_warning() throws IOException {
        DaemonConfig current = start("{}");
        ReloadResult result = loader.reload(current, write("{\"data-root\": \"/elsewhere\", \"mtu\": 1500, \"debug\": true}"));
        assertEquals(Path.of("/var/lib/berth"), result.config().dataRoot());
        assertEquals(List.of("debug"), result.changedKeys());
        assertEquals(1, result.warnings().size(), "mtu is unchanged, so only data-root warns");
        assertTrue(result.warnings().getFirst().startsWith("data-root cannot be changed by a reload"), result.warnings().getFirst());
    }

    @Test
    void keeps_or_resets_keys_the_file_no_longer_sets_like_dockerd() throws IOException {
        DaemonConfig current = start("{\"labels\": [\"a=1\"], \"max-concurrent-uploads\": 2}");
        ReloadResult result = loader.reload(current, write("{}"));
        assertEquals(List.of("a=1"), result.config().labels(), "labels stay when the file drops them");
        assertEquals(5, result.config().registry().maxConcurrentUploads(), "download limits go back to the default");
        assertEquals(List.of("max-concurrent-uploads"), result.changedKeys());
    }

    @Test
    void leaves_config_unchanged_and_reports_an_invalid_file() throws IOException {
        DaemonConfig current = start("{}");
        ReloadResult broken = loader.reload(current, write("{\"debug\": tru"));
        assertSame(current, broken.config());
        assertTrue(broken.error().orElseThrow().startsWith("invalid JSON in "), broken.error().orElseThrow());
        assertTrue(broken.changedKeys().isEmpty());

        ReloadResult badValue = loader.reload(current, write("{\"log-level\": \"loud\", \"debug\": true}"));
        assertSame(current, badValue.config());
        assertTrue(badValue.error().orElseThrow().endsWith("invalid logging level: loud"));

        ReloadResult badRuntime = loader.reload(current, write("{\"default-runtime\": \"nope\"}"));
        assertEquals(Optional.of("file configuration validation failed: specified default runtime 'nope' does not exist"),
                badRuntime.error());
    }

    @Test
    void refuses_a_file_that_repeats_a_start_flag() throws IOException {
        DaemonConfig current = start("{}", "-D");
        ReloadResult result = loader.reload(current, write("{\"debug\": false}"));
        assertSame(current, result.config());
        assertTrue(result.error().orElseThrow().contains("debug: (from flag: true, from file: false)"));
    }

    @Test
    void keeps_flag_runtimes_and_takes_file_runtimes_anew() throws IOException {
        DaemonConfig current = start("{\"runtimes\": {\"crun\": {\"path\": \"/usr/bin/crun\"}}}",
                "--add-runtime", "youki=/bin/youki");
        ReloadResult result = loader.reload(current, write("{}"));
        assertEquals(List.of("youki"), List.copyOf(result.config().runtime().runtimes().keySet()));
        assertEquals(List.of("runtimes"), result.changedKeys());
    }

    @Test
    void reports_a_vanished_explicit_file() throws IOException {
        DaemonConfig current = start("{\"debug\": true}");
        Files.delete(dir.resolve("daemon.json"));
        ReloadResult result = loader.reload(current, dir.resolve("daemon.json"));
        assertSame(current, result.config());
        assertTrue(result.error().orElseThrow().endsWith("no such file or directory"), result.error().orElseThrow());
        assertFalse(result.changedKeys().contains("debug"));
    }
}
