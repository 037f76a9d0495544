package dev.berth.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemDriverTest extends StorageDriverContract {

    @TempDir
    Path root;

    @Override
    protected StorageDriver newDriver() throws IOException {
        return new FilesystemDriver(root);
    }

    @Test
    void open_gives_a_file_channel_for_zero_copy_sends() throws IOException {
        driver.putContent("/blob", new byte[] {1, 2, 3});
        try (var ch = driver.open("/blob")) {
            assertInstanceOf(FileChannel.class, ch);
        }
    }

    @Test
    void files_live_under_the_root_directory() throws IOException {
        driver.putContent("/docker/registry/v2/x", new byte[] {7});
        assertEquals(1, Files.size(root.resolve("docker/registry/v2/x")));
    }

    @Test
    void list_skips_temporary_files_of_unfinished_writes() throws IOException {
        driver.putContent("/dir/real", new byte[] {1});
        Files.writeString(root.resolve("dir/.real.123.tmp"), "partial");
        assertEquals(java.util.List.of("/dir/real"), driver.list("/dir"));
    }
}
