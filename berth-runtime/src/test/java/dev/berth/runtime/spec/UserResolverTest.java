package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    @TempDir
    Path rootfs;

    @BeforeEach
    void writeEtc() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), """
                # comment
                root:x:0:0:root:/root:/bin/sh
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                www:x:33:33:www:/var/www:/bin/sh
                nobody:x:65534:65534:nobody:/home:/bin/false
                """);
        Files.writeString(rootfs.resolve("etc/group"), """
                root:x:0:root
                daemon:x:1:
                audio:x:29:www,daemon
                video:x:44:www
                www:x:33:
                nogroup:x:65534:
                """);
    }

    @Test
    void is_root_without_a_user() {
        assertEquals(new ProcessUser(0, 0, List.of(0L, 0L)), UserResolver.resolve(rootfs, "", List.of()));
    }

    @Test
    void takes_primary_and_supplementary_groups_for_a_name() {
        assertEquals(new ProcessUser(33, 33, List.of(33L, 29L, 44L)), UserResolver.resolve(rootfs, "www", List.of()));
    }

    @Test
    void treats_a_number_as_a_uid_even_without_an_entry() {
        assertEquals(new ProcessUser(33, 33, List.of(33L, 29L, 44L)), UserResolver.resolve(rootfs, "33", List.of()));
        assertEquals(new ProcessUser(1234, 0, List.of(0L)), UserResolver.resolve(rootfs, "1234", List.of()));
    }

    @Test
    void takes_an_explicit_group_without_supplementary_ones() {
        assertEquals(new ProcessUser(33, 44, List.of(44L)), UserResolver.resolve(rootfs, "www:video", List.of()));
        assertEquals(new ProcessUser(1000, 1000, List.of(1000L)), UserResolver.resolve(rootfs, "1000:1000", List.of()));
    }

    @Test
    void appends_group_add_by_name_or_number() {
        assertEquals(new ProcessUser(65534, 65534, List.of(65534L, 29L, 777L)),
                UserResolver.resolve(rootfs, "nobody", List.of("audio", "777", "audio")));
    }

    @Test
    void rejects_an_unknown_name_with_dockers_message() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UserResolver.resolve(rootfs, "ghost", List.of()));
        assertEquals("unable to find user ghost: no matching entries in passwd file", e.getMessage());
    }

    @Test
    void rejects_an_unknown_group_name() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UserResolver.resolve(rootfs, "www:ghosts", List.of()));
        assertEquals("unable to find group ghosts: no matching entries in group file", e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> UserResolver.resolve(rootfs, "www", List.of("ghosts")));
    }

    @Test
    void reads_numbers_only_when_the_rootfs_has_no_passwd() throws IOException {
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.delete(rootfs.resolve("etc/group"));
        assertEquals(new ProcessUser(5, 6, List.of(6L)), UserResolver.resolve(rootfs, "5:6", List.of()));
        assertThrows(InvalidArgumentException.class, () -> UserResolver.resolve(rootfs, "root", List.of()));
    }

    @Test
    void follows_symlinks_inside_the_rootfs_only(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("passwd"), "ghost:x:4242:4242::/:/bin/sh\n");
        Files.createDirectories(rootfs.resolve("alt"));
        Files.move(rootfs.resolve("etc/passwd"), rootfs.resolve("alt/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../../../../../alt/passwd"));
        assertEquals(33, UserResolver.resolve(rootfs, "www", List.of()).uid());
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), outside.resolve("passwd"));
        assertThrows(InvalidArgumentException.class, () -> UserResolver.resolve(rootfs, "ghost", List.of()));
    }
}
