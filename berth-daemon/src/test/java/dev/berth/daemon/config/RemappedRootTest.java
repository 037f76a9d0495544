package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.linux.IdMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemappedRootTest {
    @TempDir
    Path etc;
    private final List<String> added = new ArrayList<>();

    @BeforeEach
    void hostFiles() throws IOException {
        Files.writeString(etc.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                alice:x:1000:1000::/home/alice:/bin/sh
                bob:x:1001:1001::/home/bob:/bin/sh
                """);
        Files.writeString(etc.resolve("group"), """
                root:x:0:
                alice:x:1000:
                staff:x:50:
                """);
        Files.writeString(etc.resolve("subuid"), "alice:100000:65536\n1001:300000:1000\nbob:400000:2000\n");
        Files.writeString(etc.resolve("subgid"), "alice:200000:65536\nbob:500000:3000\n");
    }

    private Optional<RemappedRoot> resolve(String setting) throws IOException {
        return RemappedRoot.resolve(setting, etc, (name, uidStart, gidStart, count) -> {
            added.add(name + " " + uidStart + " " + gidStart + " " + count);
            Files.writeString(etc.resolve("passwd"), name + ":x:999:999::/nonexistent:/bin/false\n", StandardOpenOption.APPEND);
            Files.writeString(etc.resolve("group"), name + ":x:999:\n", StandardOpenOption.APPEND);
            Files.writeString(etc.resolve("subuid"), name + ":" + uidStart + ":" + count + "\n", StandardOpenOption.APPEND);
            Files.writeString(etc.resolve("subgid"), name + ":" + gidStart + ":" + count + "\n", StandardOpenOption.APPEND);
        });
    }

    private static String message(ThrowingRunnable r) {
        return assertThrows(ConfigException.class, r::run).getMessage();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void a_user_maps_container_ids_onto_its_subordinate_ranges() throws IOException {
        RemappedRoot alice = resolve("alice").orElseThrow();
        assertEquals("alice", alice.group());
        assertEquals(new IdMap(List.of(new IdMap.Range(0, 100000, 65536)), List.of(new IdMap.Range(0, 200000, 65536))),
                alice.ids());
        assertEquals(100000, alice.uid());
        assertEquals(200000, alice.gid());
        assertEquals(alice, resolve("1000").orElseThrow());
    }

    @Test
    void ranges_given_by_name_and_by_uid_lie_end_to_end() throws IOException {
        RemappedRoot bob = resolve("bob:staff").orElseThrow();
        assertEquals("staff", bob.group());
        assertEquals(List.of(new IdMap.Range(0, 300000, 1000), new IdMap.Range(1000, 400000, 2000)), bob.ids().uids());
        assertEquals("staff", resolve("1001:50").orElseThrow().group());
    }

    @Test
    void default_creates_dockremap_with_the_first_free_range_once() throws IOException {
        RemappedRoot remap = resolve("default").orElseThrow();
        assertEquals("dockremap", remap.user());
        assertEquals(List.of("dockremap 165536 100000 65536"), added);
        assertEquals(165536, remap.uid());
        assertEquals(100000, remap.gid());
        assertEquals(remap, resolve("default").orElseThrow());
        assertEquals(1, added.size(), "the second time it exists");
    }

    @Test
    void the_next_range_starts_at_100000_unless_taken() throws IOException {
        Path empty = etc.resolve("empty");
        Files.writeString(empty, "");
        assertEquals(100000, RemappedRoot.nextRangeStart(empty));
        assertEquals(165536, RemappedRoot.nextRangeStart(etc.resolve("subuid")), "past alice's range, below 1001's");
        assertEquals(100000, RemappedRoot.nextRangeStart(etc.resolve("subgid")), "no range starts below 165536");
    }

    @Test
    void root_and_empty_mean_no_remapping() throws IOException {
        assertEquals(Optional.empty(), resolve(""));
        assertEquals(Optional.empty(), resolve("root"));
        assertEquals(Optional.empty(), resolve("0:0"));
    }

    @Test
    @Tag("integration")
    void prepare_lays_the_data_root_out_as_dockerd_and_refuses_a_path_the_remapped_root_cannot_pass() throws IOException {
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwx--x--x"));
        RemappedRoot alice = resolve("alice").orElseThrow();
        Path data = etc.resolve("data");
        Path exec = Files.createDirectory(etc.resolve("exec"));
        Path root = alice.prepare(data, exec);
        assertEquals(data.resolve("100000.200000"), root);
        assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rwx--x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals(List.of(0, 200000), List.of(Files.getAttribute(root, "unix:uid"), Files.getAttribute(root, "unix:gid")));
        Files.setPosixFilePermissions(exec, PosixFilePermissions.fromString("rwx------"));
        assertEquals("a directory in your exec-root path (" + exec + ") restricts access to the remapped root uid/gid;"
                + " please fix by allowing 'o+x' permissions on existing directories", message(() -> alice.prepare(data, exec)));
    }

    @Test
    void errors_are_dockerds() throws IOException {
        assertEquals("Invalid user/group specification in --userns-remap: \"a:b:c\"", message(() -> resolve("a:b:c")));
        assertEquals("Error during uid lookup for \"carol\": no matching entries in passwd file",
                message(() -> resolve("carol")));
        assertEquals("Uid 4242 has no entry in /etc/passwd: no matching entries in passwd file",
                message(() -> resolve("4242")));
        assertEquals("Error during gid lookup for \"bob\": no matching entries in group file", message(() -> resolve("bob")));
        assertEquals("Error during groupname lookup for \"nogroup\": no matching entries in group file",
                message(() -> resolve("alice:nogroup")));
        assertEquals("Gid 1001 has no entry in /etc/group: no matching entries in group file", message(() -> resolve("1001")));
        Files.writeString(etc.resolve("subgid"), "");
        assertEquals("Can't create ID mappings: no subgid ranges found for user \"alice\"", message(() -> resolve("alice")));
    }
}
