package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.api.client.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonEndpointTest {
    private static final DaemonEndpoint.Flags NONE = new DaemonEndpoint.Flags(null, false, false, null, null, null);
    @TempDir
    Path home;

    @Test
    void uses_default_socket_when_nothing_is_set() {
        DaemonEndpoint e = DaemonEndpoint.resolve(NONE, Map.of(), home);
        assertEquals(URI.create("unix:///var/run/berth.sock"), e.host());
        assertTrue(e.tls().isEmpty());
    }

    @Test
    void prefers_flag_then_berth_host_then_docker_host() {
        Map<String, String> env = Map.of("BERTH_HOST", "unix:///tmp/b.sock", "DOCKER_HOST", "unix:///tmp/d.sock");
        assertEquals(URI.create("unix:///tmp/b.sock"), DaemonEndpoint.resolve(NONE, env, home).host());
        assertEquals(URI.create("unix:///tmp/d.sock"), DaemonEndpoint.resolve(NONE, Map.of("DOCKER_HOST", "unix:///tmp/d.sock"), home).host());
        DaemonEndpoint.Flags flag = new DaemonEndpoint.Flags("tcp://127.0.0.1:1234", false, false, null, null, null);
        assertEquals(URI.create("tcp://127.0.0.1:1234"), DaemonEndpoint.resolve(flag, env, home).host());
    }

    @Test
    void fills_default_tcp_port_by_tls_mode() {
        assertEquals(URI.create("tcp://localhost:2375"), DaemonEndpoint.parseHost("tcp://localhost", false));
        assertEquals(URI.create("tcp://localhost:2376"), DaemonEndpoint.parseHost("localhost", true));
        assertThrows(IllegalArgumentException.class, () -> DaemonEndpoint.parseHost("ftp://x", false));
    }

    @Test
    void takes_tls_files_from_cert_path_when_verify_env_is_set() throws IOException {
        Files.writeString(home.resolve("cert.pem"), "c");
        Files.writeString(home.resolve("key.pem"), "k");
        Map<String, String> env = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", home.toString(), "DOCKER_HOST", "tcp://127.0.0.1");
        DaemonEndpoint e = DaemonEndpoint.resolve(NONE, env, home);
        assertEquals(URI.create("tcp://127.0.0.1:2376"), e.host());
        assertEquals(TlsFiles.inDirectory(home), e.tls().orElseThrow());
    }

    @Test
    void omits_client_certificate_when_its_files_are_absent() {
        DaemonEndpoint.Flags tls = new DaemonEndpoint.Flags("tcp://127.0.0.1:2376", true, false, null, null, null);
        TlsFiles files = DaemonEndpoint.resolve(tls, Map.of(), home).tls().orElseThrow();
        assertEquals(home.resolve(".docker/ca.pem"), files.ca());
        assertEquals(null, files.cert());
    }
}
