package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerFsTest {
    @TempDir
    Path tmp;
    Path root;
    Path volume;
    ContainerFs fs;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(tmp.resolve("rootfs"));
        volume = Files.createDirectories(tmp.resolve("vol"));
        Files.createDirectories(root.resolve("etc/alternatives"));
        Files.writeString(root.resolve("etc/alternatives/real"), "x");
        Files.createSymbolicLink(root.resolve("etc/abs"), Path.of("/etc/alternatives/real"));
        Files.createSymbolicLink(root.resolve("etc/rel"), Path.of("alternatives/real"));
        Files.createSymbolicLink(root.resolve("etc/climb"), Path.of("../../../../etc/alternatives"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        Files.createDirectories(root.resolve("data"));
        Files.writeString(volume.resolve("in-volume"), "v");
        fs = new ContainerFs(root, List.of(new ContainerFs.Mount("/data", volume, true)));
    }

    @Test
    void absolute_symlink_restarts_at_the_container_root() throws IOException {
        assertEquals("/etc/alternatives/real", fs.resolve("/etc/abs", true));
    }

    @Test
    void last_component_stays_unfollowed_unless_asked() throws IOException {
        assertEquals("/etc/abs", fs.resolve("/etc/abs", false));
        assertEquals("/etc/alternatives/real", fs.resolve("/etc/rel", true));
    }

    @Test
    void dotdot_never_climbs_above_the_root() throws IOException {
        assertEquals("/etc/alternatives/real", fs.resolve("/etc/climb/real", false));
        assertEquals("/etc", fs.resolve("/../../../etc", false));
        assertEquals("/", fs.resolve("/escape/escape/..", true));
        assertEquals(root, fs.host(fs.resolve("/escape/", false)));
    }

    @Test
    void a_trailing_slash_follows_the_last_link() throws IOException {
        assertEquals("/", fs.resolve("/escape/", false));
        assertEquals("/", fs.resolve("/escape/.", false));
    }

    @Test
    void missing_components_are_kept_as_given() throws IOException {
        assertEquals("/etc/alternatives/nope/deeper", fs.resolve("/etc/rel/../nope/deeper", true));
    }

    @Test
    void symlink_loops_are_an_error_not_a_hang() {
        assertThrows(IOException.class, () -> fs.resolve("/loop/x", false));
    }

    @Test
    void paths_under_a_mount_point_live_in_its_source() throws IOException {
        assertEquals(volume, fs.host("/data"));
        assertEquals(volume.resolve("in-volume"), fs.host(fs.resolve("/data/in-volume", false)));
        assertEquals(root.resolve("database"), fs.host("/database"));
        assertEquals("/data", fs.mountOf("/data/x").orElseThrow().destination());
    }

    @Test
    void a_symlink_inside_a_volume_resolves_in_the_container_root() throws IOException {
        Files.createSymbolicLink(volume.resolve("to-etc"), Path.of("/etc/alternatives"));
        assertEquals(root.resolve("etc/alternatives/real"), fs.host(fs.resolve("/data/to-etc/real", false)));
    }

    @Test
    void cp_paths_keep_their_trailing_dot_or_slash_and_base_name() {
        assertEquals("/root/.", ContainerArchive.absolute("root/."));
        assertEquals("/root/", ContainerArchive.absolute("/root//"));
        assertEquals("root", ContainerArchive.baseName("/root/"));
        assertEquals(".", ContainerArchive.baseName("/root/."));
        assertEquals("file.txt", ContainerArchive.baseName("/root/../root/file.txt"));
    }
}
