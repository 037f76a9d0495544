package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive endpoints as other clients use them (Testcontainers: chunked PUTs of PAX tars without
 * parent directory entries), the stat header, Docker's error cases and writes that try to leave the
 * container, driven with curl over the socket.
 */
@Tag("integration")
class ContainerArchiveApiTest {
    private static BusyboxDaemon daemon;
    private static DockerCli docker;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        daemon = BusyboxDaemon.start(tmp);
        docker = daemon.docker();
        docker.run("run", "--name", "api", "busybox", "sh", "-c",
                "mkdir -p /data && echo s > /data/secret && ln -s /data /link && echo f > /plain").check();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            docker.run("rm", "-f", "api");
            daemon.close();
        }
    }

    record Reply(int status, String headers, byte[] body) {
        String header(String name) {
            return headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One request with curl, bounded by curl's own --max-time and a kill after that. */
    private static Reply curl(String method, String pathAndQuery, byte[] upload) throws Exception {
        Path body = Files.createTempFile(tmp, "body", "");
        Path headers = Files.createTempFile(tmp, "headers", "");
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "30", "--unix-socket",
                daemon.berthd().socket().toString(), "-o", body.toString(), "-D", headers.toString(), "-w", "%{http_code}"));
        if (method.equals("HEAD")) {
            cmd.add("-I");
        } else {
            cmd.addAll(List.of("-X", method));
        }
        if (upload != null) {
            Path in = Files.write(Files.createTempFile(tmp, "upload", ".tar"), upload);
            cmd.addAll(List.of("-H", "Transfer-Encoding: chunked", "-H", "Content-Type: application/x-tar",
                    "--data-binary", "@" + in));
        }
        cmd.add("http://berth/v1.41" + pathAndQuery);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String code;
        try (var out = p.getInputStream()) {
            if (!p.waitFor(40, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("curl timed out: " + cmd);
            }
            code = new String(out.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        return new Reply(Integer.parseInt(code), Files.readString(headers), Files.readAllBytes(body));
    }

    private static JsonNode stat(Reply r) throws IOException {
        return Json.mapper().readTree(Base64.getDecoder().decode(r.header("X-Docker-Container-Path-Stat")));
    }

    private static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = e.linkTarget == null ? new TarArchiveEntry(e.name)
                        : new TarArchiveEntry(e.name, TarConstants.LF_SYMLINK);
                if (e.linkTarget != null) {
                    entry.setLinkName(e.linkTarget);
                }
                byte[] data = e.content == null ? new byte[0] : e.content.getBytes(StandardCharsets.UTF_8);
                entry.setSize(e.linkTarget == null ? data.length : 0);
                entry.setMode(e.linkTarget == null ? 0644 : 0777);
                t.putArchiveEntry(entry);
                if (e.linkTarget == null) {
                    t.write(data);
                }
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    record Entry(String name, String content, String linkTarget) {
        static Entry file(String name, String content) {
            return new Entry(name, content, null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, null, target);
        }
    }

    private static List<String> names(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void head_gives_the_stat_header_with_go_file_mode_bits() throws Exception {
        Reply r = curl("HEAD", "/containers/api/archive?path=/data", null);
        assertEquals(200, r.status());
        JsonNode s = stat(r);
        assertEquals("data", s.get("name").asText());
        assertEquals((1L << 31) | 0755, s.get("mode").asLong());
        assertTrue(s.get("mtime").asText().endsWith("Z"), s.toString());
    }

    @Test
    void a_symlink_is_stated_itself_with_its_target_resolved_in_the_container() throws Exception {
        JsonNode s = stat(curl("HEAD", "/containers/api/archive?path=/link", null));
        assertEquals(1L << 27, s.get("mode").asLong() & (1L << 27));
        assertEquals("/data", s.get("linkTarget").asText());
    }

    @Test
    void a_missing_path_is_a_404_with_dockers_message() throws Exception {
        Reply r = curl("GET", "/containers/api/archive?path=/nope", null);
        assertEquals(404, r.status());
        assertTrue(r.text().contains("Could not find the file /nope in container api"), r.text());
        assertEquals(404, curl("HEAD", "/containers/api/archive?path=/nope", null).status());
    }

    @Test
    void get_of_a_directory_names_entries_after_its_base_name() throws Exception {
        Reply r = curl("GET", "/containers/api/archive?path=/data", null);
        assertEquals(200, r.status());
        assertEquals("application/x-tar", r.header("Content-Type"));
        assertEquals(List.of("data/", "data/secret"), names(r.body()));
        assertEquals(List.of("./", "./secret"), names(curl("GET", "/containers/api/archive?path=/link/.", null).body()));
    }

    @Test
    void chunked_pax_put_without_parent_entries_creates_the_directories() throws Exception {
        String longName = "deep/" + "x".repeat(120) + "/file.txt";
        Reply put = curl("PUT", "/containers/api/archive?path=/tmp", tar(Entry.file(longName, "long\n")));
        assertEquals(200, put.status(), put.text());
        Reply back = curl("GET", "/containers/api/archive?path=/tmp/" + longName, null);
        assertEquals(200, back.status());
        assertEquals(List.of("file.txt"), names(back.body()));
    }

    @Test
    void put_onto_a_file_is_a_400() throws Exception {
        Reply r = curl("PUT", "/containers/api/archive?path=/plain", tar(Entry.file("x", "x")));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("extraction point is not a directory"), r.text());
    }

    @Test
    void put_through_the_containers_own_symlink_lands_in_the_container() throws Exception {
        Reply r = curl("PUT", "/containers/api/archive?path=/link", tar(Entry.file("via-link", "v")));
        assertEquals(200, r.status(), r.text());
        assertEquals(List.of("via-link"), names(curl("GET", "/containers/api/archive?path=/data/via-link", null).body()));
    }

    @Test
    void tar_entries_that_would_leave_the_container_are_refused() throws Exception {
        String marker = "berth-escape-" + System.nanoTime();
        Reply dotdot = curl("PUT", "/containers/api/archive?path=/tmp",
                tar(Entry.file("../../../../../../tmp/" + marker, "x")));
        assertFalse(dotdot.status() / 100 == 2, dotdot.text());
        Reply link = curl("PUT", "/containers/api/archive?path=/tmp",
                tar(Entry.symlink("out", "/tmp"), Entry.file("out/" + marker, "x")));
        assertFalse(link.status() / 100 == 2, link.text());
        assertFalse(Files.exists(Path.of("/tmp", marker)));
    }

    @Test
    void no_overwrite_dir_non_dir_refuses_a_file_over_a_directory() throws Exception {
        Reply r = curl("PUT", "/containers/api/archive?path=/&noOverwriteDirNonDir=true", tar(Entry.file("data", "x")));
        assertEquals(500, r.status());
        assertTrue(r.text().contains("cannot overwrite directory \\\"/data\\\" with non-directory \\\"/\\\""), r.text());
    }

    @Test
    void changes_are_json_with_path_and_kind() throws Exception {
        Reply r = curl("GET", "/containers/api/changes", null);
        assertEquals(200, r.status());
        JsonNode changes = Json.mapper().readTree(r.body());
        boolean sawAddedLink = false;
        for (JsonNode c : changes) {
            if (c.get("Path").asText().equals("/link")) {
                assertEquals(1, c.get("Kind").asInt());
                sawAddedLink = true;
            }
        }
        assertTrue(sawAddedLink, changes.toString());
    }

    @Test
    void views_and_mount_directories_a_crash_left_are_cleared_at_start() throws Exception {
        daemon.berthd().kill();
        Path leftover = Files.createDirectories(daemon.berthd().execRoot().resolve("archive/leftover"));
        dev.berth.storage.Snapshotter offline = dev.berth.storage.Snapshotters.choose(daemon.berthd().dataRoot(), java.util.Optional.empty());
        String layer = offline.list().stream().filter(i -> i.kind() == dev.berth.storage.SnapshotKind.COMMITTED)
                .findFirst().orElseThrow().name();
        offline.view("diff-view-left-by-a-crash", layer);
        daemon.berthd().restart();
        assertEquals(200, curl("GET", "/_ping", null).status());
        assertFalse(Files.exists(leftover));
        assertFalse(dev.berth.storage.Snapshotters.choose(daemon.berthd().dataRoot(), java.util.Optional.empty())
                .exists("diff-view-left-by-a-crash"));
    }

    @Test
    void export_is_an_octet_stream_tar() throws Exception {
        Reply r = curl("GET", "/containers/api/export", null);
        assertEquals(200, r.status());
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertTrue(names(r.body()).contains("plain"));
    }
}
