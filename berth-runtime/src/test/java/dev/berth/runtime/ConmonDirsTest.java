package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConmonDirsTest {
    @Test
    void names_the_exit_file_after_the_container_even_for_an_exec() {
        ConmonDirs exec = new ConmonDirs(Path.of("/run/b/c1/execs/e1"), "c1", "e1");
        assertEquals(Path.of("/run/b/c1/execs/e1/exits/c1"), exec.exitFile());
        assertEquals(Path.of("/run/b/c1/execs/e1/sockets/e1"), exec.socketLink());
    }

    @Test
    void shortens_the_socket_link_by_one_character_when_conmon_does() {
        String root = "/r" + "x".repeat(107 - "/r".length() - "/sockets/".length() - 10);
        ConmonDirs dirs = new ConmonDirs(Path.of(root), "c", "0123456789");
        assertEquals(107, (root + "/sockets/0123456789").length());
        assertEquals(Path.of(root, "sockets", "012345678"), dirs.socketLink());
    }
}
